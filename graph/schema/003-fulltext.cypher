// One full-text index over every kind; the folding analyzer makes search tolerant of case and accents.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Pathway|Goal|Target|Place|Organisation|Initiative|Case|Theme|ProcurementApproach|Source|Event)
ON EACH [n.name, n.altNamesText, n.title, n.summary, n.description, n.text, n.code]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};

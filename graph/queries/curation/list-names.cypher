// Names, alternate names and places of one kind, for finding likely duplicates.
MATCH (n:Entity {kind: $kind})
RETURN n.id AS id, n.name AS name, coalesce(n.altNames, []) AS altNames, n.country AS country,
       [(n)-[:LOCATED_IN]->(p:Place) | p.id] AS places,
       [(n)-[:REPORTED_IN]->(s:Source) | s.id] AS sources

// Curation records without a text id, matched to a file's blank nodes by their content.
MATCH (n)
WHERE NOT n:Entity AND (n.id IS NULL OR NOT n.id IS :: STRING)
  AND any(l IN labels(n) WHERE l IN $recordLabels)
  AND none(l IN labels(n) WHERE l IN $privateLabels)
WITH n AS x

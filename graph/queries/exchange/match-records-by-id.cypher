// Curation records (not entities) with one of the given ids; records are few, so a scan is fine.
MATCH (n)
WHERE NOT n:Entity AND n.id IN $ids
  AND any(l IN labels(n) WHERE l IN $recordLabels)
  AND none(l IN labels(n) WHERE l IN $privateLabels)
WITH n AS x

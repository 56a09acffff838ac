// Replaces a live node's properties when the version still matches; returns nothing otherwise.
MATCH (n:Entity {id: $id})
WHERE n.version = $version OR (n.version IS NULL AND $version = 0)
SET n = $props
WITH n
OPTIONAL MATCH (n)-[old:REPORTED_IN]->(s:Source)
WHERE NOT s.id IN $sources
DELETE old
WITH DISTINCT n
UNWIND CASE WHEN size($sources) = 0 THEN [null] ELSE $sources END AS sid
OPTIONAL MATCH (s:Source:Entity {id: sid})
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | MERGE (n)-[:REPORTED_IN]->(s))
RETURN DISTINCT n.version AS version

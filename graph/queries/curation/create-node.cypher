CREATE (n:Entity {id: $id})
SET n = $props
SET n:$($label)
WITH n
UNWIND CASE WHEN size($sources) = 0 THEN [null] ELSE $sources END AS sid
OPTIONAL MATCH (s:Source:Entity {id: sid})
FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | MERGE (n)-[:REPORTED_IN]->(s))
RETURN DISTINCT n.version AS version

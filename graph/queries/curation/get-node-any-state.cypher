// A node by id whether live, soft-deleted or merged away; a merged-away one with the live node it
// now lives in (its MERGED_INTO link follows later merges of that node, as its links move).
OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (d:Deleted {id: $id})
OPTIONAL MATCH (m:Merged {id: $id})
WITH coalesce(e, d, m) AS n
WHERE n IS NOT NULL
RETURN n {.*} AS node, labels(n) AS labels, head([(n)-[:MERGED_INTO]->(s:Entity) | s.id]) AS survivor

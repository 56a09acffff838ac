// A node by id whether live, soft-deleted or merged away.
OPTIONAL MATCH (e:Entity {id: $id})
OPTIONAL MATCH (d:Deleted {id: $id})
OPTIONAL MATCH (m:Merged {id: $id})
WITH coalesce(e, d, m) AS n
WHERE n IS NOT NULL
RETURN n {.*} AS node, labels(n) AS labels

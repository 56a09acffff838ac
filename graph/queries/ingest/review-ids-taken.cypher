// Which of these ids a node already holds, live, soft-deleted or merged away.
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
OPTIONAL MATCH (d:Deleted {id: id})
OPTIONAL MATCH (m:Merged {id: id})
WITH id, coalesce(e, d, m) AS n
WHERE n IS NOT NULL
RETURN id

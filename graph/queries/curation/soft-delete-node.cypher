MATCH (n:Entity {id: $id})
WHERE n.version = $version OR (n.version IS NULL AND $version = 0)
REMOVE n:Entity
REMOVE n:$($label)
SET n:Deleted, n.deletedAt = $at, n.deletedBy = $by, n.version = coalesce(n.version, 0) + 1
RETURN n.version AS version

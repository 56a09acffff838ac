MATCH (n:Deleted {id: $id})
REMOVE n:Deleted
SET n:Entity, n:$($label), n.version = coalesce(n.version, 0) + 1, n.updatedAt = $at, n.updatedBy = $by
REMOVE n.deletedAt, n.deletedBy
RETURN n.version AS version

// Raises the version of live or soft-deleted nodes whose links changed, so an edit based on the
// version before is refused.
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
OPTIONAL MATCH (d:Deleted {id: id})
WITH coalesce(e, d) AS n
WHERE n IS NOT NULL
SET n.version = coalesce(n.version, 0) + 1
RETURN n.id AS id, n.version AS version

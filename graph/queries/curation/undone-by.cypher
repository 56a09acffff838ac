// The revert that undid a change, if any.
MATCH (r:Change {revertOf: $id})
RETURN r.id AS id
ORDER BY r.at
LIMIT 1

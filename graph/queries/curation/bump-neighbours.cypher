// Raises the version of every node whose links a merge moves from the duplicate to the survivor;
// citations (REPORTED_IN) belong to the citing node's record and history (CHANGED) is no link.
MATCH (d:Entity {id: $duplicate})-[r]-(m)
WHERE NOT type(r) IN ['REPORTED_IN', 'CHANGED'] AND m.id <> $survivor AND (m:Entity OR m:Deleted)
WITH DISTINCT m
ORDER BY m.id
SET m.version = coalesce(m.version, 0) + 1
RETURN count(m) AS bumped, collect(m.id) AS ids

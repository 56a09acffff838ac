// Takes the write lock of the change a revert undoes, then names another revert of it if there is
// one: two reverts of one change at once wait for each other, and the second finds the first.
MATCH (o:Change {id: $revertOf})
SET o._lock = true
REMOVE o._lock
WITH o
OPTIONAL MATCH (x:Change {revertOf: $revertOf})
WHERE x.id <> $changeId
RETURN x.id AS undoneBy
ORDER BY x.at
LIMIT 1

// Takes each node's write lock before its version is read: under read-committed, two writers that
// read first would both see the same version; locked first, the second waits and reads the new one.
UNWIND $ids AS id
CALL (id) {
  OPTIONAL MATCH (e:Entity {id: id})
  OPTIONAL MATCH (d:Deleted {id: id})
  OPTIONAL MATCH (m:Merged {id: id})
  WITH coalesce(e, d, m) AS n
  WHERE n IS NOT NULL
  SET n._lock = true
  REMOVE n._lock
  RETURN n.id AS locked
}
RETURN locked

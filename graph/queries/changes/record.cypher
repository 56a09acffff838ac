// One entry of the change feed, inside the write it describes. Raising the feed's counter takes its
// write lock until the commit, so entries are numbered in the order their writes commit.
// Entries older than the newest $keep are pruned a few at a time.
MERGE (f:ChangeFeed {id: 'graph'})
SET f.seq = coalesce(f.seq, 0) + 1, f.at = datetime()
CREATE (c:GraphChange {seq: f.seq, at: f.at, ids: $ids, all: $all})
WITH f, c
CALL (f) {
  MATCH (old:GraphChange) WHERE old.seq <= f.seq - $keep
  WITH old LIMIT 20
  DELETE old
}
RETURN c.seq AS seq

// Drops the list cards a change may have made stale: those of the cases in $cases, and those of every
// case linked to a node in $around (in any state: live, deleted or merged away). Each case is
// write-locked, also when it had no card, so a card being built meanwhile waits for this change.
// $cardless maps every card property to null (CARDLESS in case-cards.ts).
CALL () {
  UNWIND $cases AS cid
  MATCH (c:Entity {id: cid}) WHERE c:Case
  RETURN c
  UNION
  UNWIND $around AS nid
  CALL (nid) {
    MATCH (n:Entity {id: nid}) RETURN n
    UNION
    MATCH (n:Deleted {id: nid}) RETURN n
    UNION
    MATCH (n:Merged {id: nid}) RETURN n
  }
  MATCH (n)--(c:Case)
  RETURN c
}
WITH DISTINCT c
SET c.cardLock = true, c += $cardless
REMOVE c.cardLock
RETURN count(c) AS dropped

// Write-locks the given cases that still lack a card before their card is read and built, so that a
// change to them or their neighbours either finished before (and is read) or waits and drops the card.
UNWIND $ids AS cid
MATCH (c:Entity {id: cid}) WHERE c:Case AND (c.listCard IS NULL OR c.listCardFormat IS NULL OR c.listCardFormat <> $format)
SET c.cardLock = true
REMOVE c.cardLock
RETURN c.id AS id

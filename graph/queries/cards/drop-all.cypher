// Drops every case card (after a restore or a bulk load), in bounded batches; the keeper rebuilds them.
MATCH (c:Case)
CALL (c) {
  SET c.cardLock = true, c += $cardless
  REMOVE c.cardLock
} IN TRANSACTIONS OF 5000 ROWS

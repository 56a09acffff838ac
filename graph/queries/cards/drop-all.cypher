// Drops every case card (after a restore or a bulk load), in bounded batches; the keeper rebuilds them.
MATCH (c:Case)
CALL (c) {
  SET c.cardLock = true
  REMOVE c.cardLock, c.listCard, c.listCardSources
} IN TRANSACTIONS OF 5000 ROWS

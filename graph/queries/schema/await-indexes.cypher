// Waits (up to 300 s) until every index is online, so queries that rely on one find it.
CALL db.awaitIndexes(300)

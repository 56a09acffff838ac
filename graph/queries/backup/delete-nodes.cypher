// Then the nodes, in bounded batches (see delete-relationships).
MATCH (n)
WHERE NOT n:SchemaMigration AND ($accounts OR NOT (n:Account OR n:ApiToken))
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS

// Empties the graph before a restore, relationships first in bounded batches, so that a dense node
// never has to go with all its relationships in one transaction. What the backup does not replace
// stays: the schema's bookkeeping, and accounts and tokens when it holds none.
MATCH (n)-[r]->()
WHERE NOT n:SchemaMigration AND ($accounts OR NOT (n:Account OR n:ApiToken))
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS

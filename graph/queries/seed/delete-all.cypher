// Empties the atlas (accounts stay): relationships first, in bounded batches, so that dense nodes
// such as a popular goal never have to be deleted with all their relationships in one transaction.
MATCH (n)-[r]->()
WHERE n:Entity OR n:Change OR n:Deleted OR n:Merged OR n:IngestBatch
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS

MATCH (n)
WHERE n:Entity OR n:Change OR n:Deleted OR n:Merged OR n:IngestBatch
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS

// Every node a backup holds (ends with exchange/return-nodes): all but the schema's bookkeeping and
// a restore's progress marks; accounts and their tokens only when $accounts is true.
MATCH (n)
WHERE NOT n:SchemaMigration AND NOT n:RestoreBatch
  AND ($accounts OR NOT (n:Account OR n:ApiToken))
WITH n AS x

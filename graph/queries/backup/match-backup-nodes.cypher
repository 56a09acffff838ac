// Every node a backup holds (ends with exchange/return-nodes): all but the schema's bookkeeping and
// a restore's own working nodes; accounts and their tokens only when $accounts is true, the review
// queue only when $reviewQueue is true.
MATCH (n)
WHERE NOT n:SchemaMigration AND NOT n:RestoreBatch AND NOT n:RestoreStaged AND NOT n:RestoreMarker AND NOT n:RestorePromoted AND NOT n:ChangeFeed AND NOT n:GraphChange
  AND ($accounts OR NOT (n:Account OR n:ApiToken))
  AND ($reviewQueue OR NOT n:IngestBatch)
WITH n AS x

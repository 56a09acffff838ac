// One bounded batch of the relationships of live nodes a restore replaces (see delete-replaced-nodes),
// so that a dense node never has to go with all its relationships in one transaction.
MATCH (n)-[r]-()
WHERE NOT n:SchemaMigration AND NOT n:RestoreBatch AND NOT n:RestoreStaged AND NOT n:RestoreMarker AND NOT n:RestorePromoted AND NOT n:ChangeFeed AND NOT n:GraphChange
  AND ($accounts OR NOT (n:Account OR n:ApiToken))
  AND ($reviewQueue OR NOT n:IngestBatch)
WITH DISTINCT r LIMIT $limit
DELETE r
RETURN count(*) AS n

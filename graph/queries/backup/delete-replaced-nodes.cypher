// One bounded batch of the live nodes a restore replaces: all but the schema's bookkeeping, the
// restore's own nodes, and the accounts or the review queue when the backup holds none.
MATCH (n)
WHERE NOT n:SchemaMigration AND NOT n:RestoreBatch AND NOT n:RestoreStaged AND NOT n:RestoreMarker AND NOT n:RestorePromoted AND NOT n:ChangeFeed AND NOT n:GraphChange
  AND ($accounts OR NOT (n:Account OR n:ApiToken))
  AND ($reviewQueue OR NOT n:IngestBatch)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS n

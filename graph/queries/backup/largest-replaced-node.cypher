// The live node a restore would delete that holds the most text (strings and lists of strings, in
// characters), since deleting a node needs memory for its whole content in one transaction.
MATCH (n)
WHERE NOT n:SchemaMigration AND NOT n:RestoreBatch AND NOT n:RestoreStaged AND NOT n:RestoreMarker AND NOT n:RestorePromoted AND NOT n:ChangeFeed AND NOT n:GraphChange
  AND ($accounts OR NOT (n:Account OR n:ApiToken))
  AND ($reviewQueue OR NOT n:IngestBatch)
WITH n, reduce(total = 0, k IN keys(n) | total + CASE
    WHEN n[k] IS :: STRING THEN size(n[k])
    WHEN n[k] IS :: LIST<STRING NOT NULL> THEN reduce(t = 0, s IN n[k] | t + size(s))
    ELSE 0
  END) AS characters
ORDER BY characters DESC
LIMIT 1
RETURN coalesce(n.id, elementId(n)) AS id, labels(n) AS labels, characters

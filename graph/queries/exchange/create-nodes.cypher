// Creates imported nodes (labels from the import's whitelist); set-typed-properties and
// return-created follow.
UNWIND $rows AS row
CREATE (x)
SET x:$(row.labels)
SET x = row.plain

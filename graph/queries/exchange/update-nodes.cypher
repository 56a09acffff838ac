// Replaces the labels and properties of existing nodes with an import's (labels from its
// whitelist); set-typed-properties and return-count follow.
UNWIND $rows AS row
MATCH (x)
WHERE elementId(x) = row.ref
REMOVE x:$(row.removeLabels)
SET x:$(row.labels)
SET x = row.plain

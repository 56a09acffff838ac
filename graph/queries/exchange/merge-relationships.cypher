// Creates or updates imported relationships between resolved nodes (the type from the import's
// whitelist); set-typed-properties and return-count follow.
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
MERGE (a)-[x:$(row.type)]->(b)
SET x = row.plain

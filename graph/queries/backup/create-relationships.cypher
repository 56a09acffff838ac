// Creates one batch of a backup's relationships between restored nodes (every one, parallel ones
// too, so the graph comes back as it was); set-typed-properties and return-count follow.
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[x:$(row.type)]->(b)
SET x = row.plain

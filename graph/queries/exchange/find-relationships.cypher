// For each (from, type, to) of an import whose ends both exist: the relationship in the graph, if
// any (ends with return-relationships).
UNWIND $rows AS row
MATCH (a)-[x]->(b)
WHERE elementId(a) = row.from AND elementId(b) = row.to AND type(x) = row.type
WITH x, row.i AS at

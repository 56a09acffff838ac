// The outgoing relationships of the given nodes (ends with return-relationships).
UNWIND $refs AS ref
MATCH (a)-[x]->(b)
WHERE elementId(a) = ref
WITH x, {from: elementId(a), to: elementId(b)} AS at

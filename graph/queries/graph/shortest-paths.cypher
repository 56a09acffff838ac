// The shortest connections between two nodes, not passing through sources.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE none(r IN relationships(p) WHERE type(r) = 'REPORTED_IN')
WITH p LIMIT $limit
RETURN [n IN nodes(p) | n.id] AS ids, length(p) AS length

MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type
WITH r, properties(r) AS props
DELETE r
RETURN props

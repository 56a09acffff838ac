MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MERGE (a)-[r:$($type)]->(b)
SET r = $props
RETURN properties(r) AS props

// Every relationship of a live node but its history and merge records, as from, type, to and properties.
MATCH (n:Entity {id: $id})-[r]-()
WHERE NOT type(r) IN ['CHANGED', 'MERGED_INTO']
RETURN DISTINCT startNode(r).id AS from, type(r) AS type, endNode(r).id AS to, properties(r) AS props

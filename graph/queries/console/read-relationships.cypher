// The relationships from the given public nodes to other public nodes, with their properties.
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props, elementId(r) AS ref

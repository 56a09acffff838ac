// A page of the public graph for the read model: nodes in id order after $after, each with its
// properties and its outgoing relationships to other public nodes (each relationship once).
MATCH (n:Entity)
WHERE n.id > $after
WITH n
ORDER BY n.id
LIMIT $limit
RETURN n.id AS id, n.kind AS kind, properties(n) AS props,
       [(n)-[r]->(m:Entity) | {type: type(r), from: n.id, to: m.id, props: properties(r)}] AS rels

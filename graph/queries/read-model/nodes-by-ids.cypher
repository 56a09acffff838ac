// The given nodes as the read model keeps them, with every relationship they have to public nodes in
// either direction. A node that is no longer public (removed, soft-deleted, merged) comes back
// with null props and no relationships.
UNWIND $ids AS wanted
OPTIONAL MATCH (n:Entity {id: wanted})
RETURN wanted AS id, n.kind AS kind, CASE WHEN n IS NULL THEN null ELSE properties(n) END AS props,
       CASE WHEN n IS NULL THEN [] ELSE [(n)-[r]-(m:Entity) | {type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}] END AS rels

// The live nodes among these ids, with their kind, version and sources.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.kind AS kind, coalesce(n.version, 0) AS version, coalesce(n.sourceIds, []) AS sources

// Names of the live nodes of some kinds, for a form's autocomplete.
MATCH (n:Entity)
WHERE n.kind IN $kinds
RETURN n.id AS id, n.name AS name, n.kind AS kind, coalesce(n.altNames, []) AS altNames
ORDER BY n.name
LIMIT $limit

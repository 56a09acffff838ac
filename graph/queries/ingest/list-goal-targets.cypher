// The goals with the codes of their targets, so explicit references are checked against them.
MATCH (g:Goal)
RETURN g.id AS id, g.number AS number, g.name AS name,
       [(t:Target)-[:BELONGS_TO]->(g) | t.code] AS targets
ORDER BY g.number

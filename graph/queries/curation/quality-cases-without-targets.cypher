// Cases that contribute to no SDG goal or target.
MATCH (c:Case:Entity)
WHERE NOT (c)-[:CONTRIBUTES_TO]->()
RETURN c.id AS id, c.name AS name
ORDER BY c.name
LIMIT $limit

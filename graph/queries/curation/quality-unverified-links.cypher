// Links kept without a source (basis unverified), newest first.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.basis = 'unverified'
RETURN a.id AS from, a.name AS fromName, type(r) AS type, b.id AS to, b.name AS toName
ORDER BY r.addedAt DESC
LIMIT $limit

// One breadth-first step: the neighbours of the frontier not yet seen, of the wanted kinds.
UNWIND $frontier AS fid
MATCH (a:Entity {id: fid})-[r]-(b:Entity)
WHERE NOT b.id IN $seen
  AND ($kinds IS NULL OR b.kind IN $kinds)
  AND type(r) <> 'REPORTED_IN'
WITH DISTINCT b
ORDER BY b.kind, b.number, b.code, b.name
LIMIT $cap
RETURN collect(b.id) AS ids

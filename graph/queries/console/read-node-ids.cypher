// A page of the public graph's node ids in id order, after $after.
MATCH (n:Entity)
WHERE n.id > $after
WITH n.id AS id
ORDER BY id
LIMIT $limit
RETURN id

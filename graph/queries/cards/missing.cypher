// Live cases without a list card, a batch at a time.
MATCH (c:Case:Entity) WHERE c.listCard IS NULL
RETURN c.id AS id
LIMIT $limit

// Changes after $after, oldest first.
MATCH (c:GraphChange) WHERE c.seq > $after
WITH c ORDER BY c.seq LIMIT $limit
RETURN c.seq AS seq, c.ids AS ids, c.all AS all

// Whether the graph holds any atlas node yet (an empty database is seeded at start).
MATCH (n:Entity)
RETURN count(n) > 0 AS seeded

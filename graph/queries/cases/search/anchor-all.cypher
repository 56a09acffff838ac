MATCH (c:Case)
WITH c, 0.0 AS score

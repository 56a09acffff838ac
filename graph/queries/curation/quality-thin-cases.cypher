// Cases missing profile fields a reader expects: a summary, a year, a place.
MATCH (c:Case:Entity)
WITH c, [f IN [
  CASE WHEN c.summary IS NULL OR trim(c.summary) = '' THEN 'summary' END,
  CASE WHEN c.year IS NULL THEN 'year' END,
  CASE WHEN NOT (c)-[:LOCATED_IN]->() THEN 'place' END,
  CASE WHEN c.outcome IS NULL THEN 'outcome' END
] WHERE f IS NOT NULL] AS missing
WHERE size(missing) > 0
RETURN c.id AS id, c.name AS name, missing
ORDER BY size(missing) DESC, c.name
LIMIT $limit

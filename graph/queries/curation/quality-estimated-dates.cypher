// Sources whose date is only a year or a month: the day was estimated or unknown.
MATCH (s:Source:Entity)
WHERE s.date IS NOT NULL AND size(toString(s.date)) < 10
RETURN s.id AS id, s.name AS name, toString(s.date) AS date
ORDER BY s.date DESC
LIMIT $limit

// The Source each item already is, if any: the same address (for a single article), or the same title
// and date (the title alone when the item has no date).
UNWIND $items AS item
OPTIONAL MATCH (s:Source:Entity)
WHERE (item.url IS NOT NULL AND s.url = item.url)
   OR (toLower(trim(s.title)) = item.title AND (item.date IS NULL OR s.date = item.date))
WITH item, s
ORDER BY CASE WHEN item.url IS NOT NULL AND s.url = item.url THEN 0 ELSE 1 END, s.id
WITH item, collect(s.id) AS ids
RETURN item.index AS index, ids[0] AS id

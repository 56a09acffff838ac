MATCH (c:Change)-[:CHANGED]->(n)
WHERE n.id = $id AND (n:Entity OR n:Deleted OR n:Merged)
RETURN c {.*} AS change
ORDER BY c.at DESC, c.id DESC
LIMIT $limit

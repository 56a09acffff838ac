// The ids of the changes recorded on a node in any state.
MATCH (c:Change)-[:CHANGED]->(n)
WHERE n.id = $id AND (n:Entity OR n:Deleted OR n:Merged)
RETURN collect(c.id) AS ids

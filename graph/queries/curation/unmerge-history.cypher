// The duplicate's own history goes back to it; the survivor keeps only the changes it had.
MATCH (d:Entity {id: $duplicate}), (s:Entity {id: $survivor})
UNWIND $ids AS cid
MATCH (c:Change {id: cid})
MERGE (c)-[:CHANGED]->(d)
WITH c, s, cid
OPTIONAL MATCH (c)-[x:CHANGED]->(s)
WITH x, cid WHERE x IS NOT NULL AND NOT cid IN $survivorIds
DELETE x
RETURN count(x) AS moved

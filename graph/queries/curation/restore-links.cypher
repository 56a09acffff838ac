// Recreates recorded relationships between live or soft-deleted nodes, with their properties.
UNWIND $links AS l
OPTIONAL MATCH (ae:Entity {id: l.from})
OPTIONAL MATCH (ad:Deleted {id: l.from})
OPTIONAL MATCH (be:Entity {id: l.to})
OPTIONAL MATCH (bd:Deleted {id: l.to})
WITH l, coalesce(ae, ad) AS a, coalesce(be, bd) AS b
WHERE a IS NOT NULL AND b IS NOT NULL
CALL (a, b, l) {
  MERGE (a)-[r:$(l.type)]->(b)
  SET r = l.props
}
RETURN count(*) AS restored

// Cases located in a place or in any place that is part of it (a city in a region).
MATCH (p:Entity {id: $id}) WHERE p:Place
CALL (p) {
  MATCH (c:Case)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(p)
  WITH DISTINCT c ORDER BY coalesce(c.year, 0) DESC, c.name
  LIMIT $limit
  RETURN collect(c.id) AS ids
}
RETURN ids

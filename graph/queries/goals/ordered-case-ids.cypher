// Cases linked to a goal directly or through any of its targets, newest first.
MATCH (g:Goal {number: $number})
CALL (g) {
  CALL (g) {
    MATCH (c:Case)-[:CONTRIBUTES_TO]->(g) RETURN c
    UNION
    MATCH (c:Case)-[:CONTRIBUTES_TO]->(:Target)-[:BELONGS_TO]->(g) RETURN c
  }
  WITH c ORDER BY coalesce(c.year, 0) DESC, c.name
  RETURN collect(c.id) AS ids
}
RETURN g {.id, .number, .name, .title, .colour} AS subject, ids

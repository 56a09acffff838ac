MATCH (t:Target {code: $code})
CALL (t) {
  MATCH (t)<-[:CONTRIBUTES_TO]-(c:Case)
  WITH c ORDER BY coalesce(c.year, 0) DESC, c.name
  SKIP $offset LIMIT $limit
  RETURN collect(c.id) AS ids
}
RETURN t {.id, .code, .text} AS target, COUNT { (t)<-[:CONTRIBUTES_TO]-(:Case) } AS total, ids

MATCH (t:Target {code: $code})
CALL (t) {
  MATCH (t)<-[:CONTRIBUTES_TO]-(c:Case)
  WITH c ORDER BY coalesce(c.year, 0) DESC, c.name
  RETURN collect(c.id) AS ids
}
RETURN t {.id, .code, .text} AS subject, ids

// Every case that illustrates a pathway, newest first: the list that pages are cut from.
MATCH (p:Pathway {number: $number})
CALL (p) {
  MATCH (p)<-[:ILLUSTRATES]-(c:Case)
  WITH c ORDER BY coalesce(c.year, 0) DESC, c.name
  RETURN collect(c.id) AS ids
}
RETURN p {.id, .number, .name, .title, .transformation} AS subject, ids

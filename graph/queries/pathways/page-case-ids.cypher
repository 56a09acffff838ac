// One page of the cases that illustrate a pathway, newest first, with the total.
MATCH (p:Pathway {number: $number})
CALL (p) {
  MATCH (p)<-[:ILLUSTRATES]-(c:Case)
  WITH c ORDER BY coalesce(c.year, 0) DESC, c.name
  SKIP $offset LIMIT $limit
  RETURN collect(c.id) AS ids
}
RETURN p {.id, .number, .name, .title, .transformation} AS pathway,
       COUNT { (p)<-[:ILLUSTRATES]-(:Case) } AS total,
       ids

MATCH (g:Goal {number: $number})
CALL (g) {
  MATCH (t:Target)-[:BELONGS_TO]->(g)
  WITH t ORDER BY toInteger(split(t.code, '.')[1]) IS NULL, toInteger(split(t.code, '.')[1]), t.code
  RETURN collect(t {.id, .code, .text, cases: COUNT { (t)<-[:CONTRIBUTES_TO]-(:Case) }}) AS targets
}
RETURN g {
  .id, .number, .name, .title, .colour,
  uri: 'http://metadata.un.org/sdg/' + toString(g.number),
  pathways: [(g)<-[r:ALIGNS_WITH]-(p:Pathway) | p {.id, .number, .name, .transformation, rationale: r.note}],
  targets: targets
} AS goal

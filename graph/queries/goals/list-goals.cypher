MATCH (g:Goal)
RETURN g {
  .id, .number, .name, .title, .colour,
  targets: COUNT { (g)<-[:BELONGS_TO]-(:Target) },
  cases: COUNT { MATCH (c:Case) WHERE (c)-[:CONTRIBUTES_TO]->(g) OR (c)-[:CONTRIBUTES_TO]->(:Target)-[:BELONGS_TO]->(g) },
  pathways: [(g)<-[:ALIGNS_WITH]-(p:Pathway) | p.number]
} AS goal
ORDER BY goal.number

MATCH (g:Goal)
RETURN g {
  .id, .number, .name, .title, .colour,
  targets: COUNT { (g)<-[:BELONGS_TO]-(:Target) },
  cases: size(COLLECT { MATCH (g)<-[:CONTRIBUTES_TO]-(c:Case) RETURN c UNION MATCH (g)<-[:BELONGS_TO]-(:Target)<-[:CONTRIBUTES_TO]-(c:Case) RETURN c }),
  pathways: [(g)<-[:ALIGNS_WITH]-(p:Pathway) | p.number]
} AS goal
ORDER BY goal.number

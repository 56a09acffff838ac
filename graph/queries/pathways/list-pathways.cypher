MATCH (p:Pathway)
RETURN p {
  .id, .number, .name, .title, .transformation,
  cases: COUNT { (p)<-[:ILLUSTRATES]-(:Case) },
  goals: [(p)-[:ALIGNS_WITH]->(g:Goal) | g.number]
} AS pathway
ORDER BY pathway.number

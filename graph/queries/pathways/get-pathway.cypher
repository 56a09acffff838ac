MATCH (p:Pathway {number: $number})
RETURN p {
  .id, .number, .name, .title, .transformation, .description,
  cases: COUNT { (p)<-[:ILLUSTRATES]-(:Case) },
  initiatives: [(p)<-[r:ILLUSTRATES]-(i:Initiative) | i {.id, .name}],
  goals: [(p)-[r:ALIGNS_WITH]->(g:Goal) | g {
    .id, .number, .name, .colour, rationale: r.note, basis: r.basis,
    sources: COLLECT { UNWIND coalesce(r.sources, []) AS sid MATCH (src:Entity {id: sid}) WHERE src:Source RETURN src {.id, .title, .date, .url} }
  }]
} AS pathway

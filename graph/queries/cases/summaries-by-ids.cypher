// The list shape of cases, in the order of $ids; each link carries its basis and sources.
UNWIND range(0, size($ids) - 1) AS i
MATCH (c:Entity {id: $ids[i]}) WHERE c:Case
RETURN c {
  .id, .name, .summary, .year, .status, .outcome,
  places: [(c)-[:LOCATED_IN]->(p:Place) | p {.id, .name, .country, .placeType}],
  pathways: [(c)-[r:ILLUSTRATES]->(p:Pathway) | p {
    .id, .number, .name, .transformation, basis: r.basis,
    sources: COLLECT { UNWIND coalesce(r.sources, []) AS sid MATCH (src:Entity {id: sid}) WHERE src:Source RETURN src {.id, .title, .date, .url} }
  }],
  goals: [(c)-[r:CONTRIBUTES_TO]->(g:Goal) | g {
    .id, .number, .name, .colour, basis: r.basis,
    sources: COLLECT { UNWIND coalesce(r.sources, []) AS sid MATCH (src:Entity {id: sid}) WHERE src:Source RETURN src {.id, .title, .date, .url} }
  }],
  targets: [(c)-[r:CONTRIBUTES_TO]->(t:Target) | t {
    .id, .code, basis: r.basis,
    sources: COLLECT { UNWIND coalesce(r.sources, []) AS sid MATCH (src:Entity {id: sid}) WHERE src:Source RETURN src {.id, .title, .date, .url} }
  }],
  approaches: [(c)-[:USES_APPROACH]->(a:ProcurementApproach) | a {.id, .name}],
  themes: [(c)-[:ABOUT_THEME]->(t:Theme) | t {.id, .name}],
  initiatives: [(c)-[:PART_OF]->(x:Initiative) | x {.id, .name}],
  organisations: [(c)-[:IMPLEMENTED_BY]->(o:Organisation) | o {.id, .name}],
  sources: [(c)-[:REPORTED_IN]->(s:Source) | s {.id, .title, .date, .url, .sourceType}]
} AS case
ORDER BY i

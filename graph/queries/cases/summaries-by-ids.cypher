// The list shape of cases, in the order of $ids. Each case's relationships are walked once and
// sorted by type; the sources behind the links are read once for the whole page ($ids), not per link.
UNWIND range(0, size($ids) - 1) AS i
MATCH (c:Entity {id: $ids[i]}) WHERE c:Case
WITH i, c {
  .id, .name, .summary, .year, .status, .outcome,
  links: [(c)-[r]->(n:Entity) | CASE type(r)
    WHEN 'LOCATED_IN' THEN ['places', n {.id, .name, .country, .placeType}]
    WHEN 'ILLUSTRATES' THEN ['pathways', n {.id, .number, .name, .transformation, basis: r.basis, sources: r.sources}]
    WHEN 'CONTRIBUTES_TO' THEN CASE n.kind
      WHEN 'goal' THEN ['goals', n {.id, .number, .name, .colour, basis: r.basis, sources: r.sources}]
      ELSE ['targets', n {.id, .code, basis: r.basis, sources: r.sources}]
    END
    WHEN 'USES_APPROACH' THEN ['approaches', n {.id, .name}]
    WHEN 'ABOUT_THEME' THEN ['themes', n {.id, .name}]
    WHEN 'PART_OF' THEN ['initiatives', n {.id, .name}]
    WHEN 'IMPLEMENTED_BY' THEN ['organisations', n {.id, .name}]
    WHEN 'REPORTED_IN' THEN ['sources', n {.id, .title, .date, .url, .sourceType}]
  END]
} AS case
ORDER BY i
WITH collect(case) AS cases
CALL (cases) {
  UNWIND cases AS case
  UNWIND case.links AS link
  UNWIND coalesce(link[1].sources, []) AS sid
  WITH DISTINCT sid
  MATCH (src:Entity {id: sid}) WHERE src:Source
  RETURN collect(src {.id, .title, .date, .url}) AS sources
}
RETURN cases, sources

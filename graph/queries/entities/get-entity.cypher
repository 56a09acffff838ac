// A node with every neighbour (capped per node) and the basis and sources of each link.
MATCH (n:Entity {id: $id})
WHERE $label IS NULL OR $label IN labels(n)
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE type(r) <> 'REPORTED_IN'
  WITH r, m, startNode(r) = n AS outgoing
  ORDER BY type(r), m.kind, m.number, m.code, m.name
  LIMIT $cap
  RETURN collect({
    type: type(r),
    direction: CASE WHEN outgoing THEN 'out' ELSE 'in' END,
    basis: r.basis,
    note: r.note,
    node: m {.id, .kind, .name, .number, .code, .country, .colour, .year, .transformation},
    sources: COLLECT { UNWIND coalesce(r.sources, []) AS sid MATCH (src:Entity {id: sid}) WHERE src:Source RETURN src {.id, .title, .date, .url} }
  }) AS links
}
RETURN n {.*} AS node,
       links,
       COUNT { (n)-[r]-() WHERE type(r) <> 'REPORTED_IN' } AS degree,
       [(n)-[:REPORTED_IN]->(s:Source) | s {.id, .title, .date, .url, .sourceType}] AS sources

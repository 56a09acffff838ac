// Cytoscape elements for a set of node ids: the nodes, and every relationship among them.
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS ns
CALL (ns) {
  UNWIND ns AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b.id IN $ids AND type(r) <> 'REPORTED_IN'
  RETURN collect({id: elementId(r), source: a.id, target: b.id, type: type(r), basis: r.basis}) AS edges
}
RETURN [n IN ns | n {
  .id, .kind, .name, .number, .code, .country, .colour, .transformation, .year, .placeType
}] AS nodes, edges

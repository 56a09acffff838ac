// Cases that share features with a case. Each shared feature adds a weight that shrinks as the
// feature gets more common, so a shared initiative counts for more than a shared popular goal.
MATCH (c:Entity {id: $id}) WHERE c:Case
CALL (c) {
  MATCH (c)-[:ILLUSTRATES]->(x:Pathway) RETURN x, 'pathway' AS reason, 3.0 AS base
  UNION ALL
  MATCH (c)-[:CONTRIBUTES_TO]->(x:Target) RETURN x, 'target' AS reason, 3.0 AS base
  UNION ALL
  MATCH (c)-[:CONTRIBUTES_TO]->(x:Goal) RETURN x, 'goal' AS reason, 2.0 AS base
  UNION ALL
  MATCH (c)-[:USES_APPROACH]->(x:ProcurementApproach) RETURN x, 'approach' AS reason, 2.5 AS base
  UNION ALL
  MATCH (c)-[:ABOUT_THEME]->(x:Theme) RETURN x, 'theme' AS reason, 2.0 AS base
  UNION ALL
  MATCH (c)-[:PART_OF]->(x:Initiative) RETURN x, 'initiative' AS reason, 3.0 AS base
  UNION ALL
  MATCH (c)-[:LOCATED_IN]->(x:Place) RETURN x, 'place' AS reason, 2.0 AS base
}
WITH c, x, reason, base / log(2.718281828 + COUNT { (x)--(:Case) } / 10.0) AS w
CALL (c, x) {
  MATCH (x)--(o:Case) WHERE o <> c RETURN DISTINCT o
}
WITH o, sum(w) AS score, collect({reason: reason, id: x.id, name: x.name, weight: round(w, 2)}) AS reasons
ORDER BY score DESC, o.name
LIMIT $limit
RETURN o.id AS id, round(score, 2) AS score, reasons

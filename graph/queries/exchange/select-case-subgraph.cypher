// The cases that pass every given filter (values of one filter are alternatives), with their direct
// neighbours, optionally only nodes carrying one of $labels (whitelisted kind labels).
MATCH (c:Case)
WHERE ($pathway IS NULL OR EXISTS { (c)-[:ILLUSTRATES]->(x:Pathway) WHERE x.number IN $pathway })
  AND ($sdg IS NULL OR EXISTS { (c)-[:CONTRIBUTES_TO]->(x) WHERE (x:Goal AND x.number IN $sdg) OR (x:Target AND x.goal IN $sdg) })
  AND ($country IS NULL OR EXISTS { (c)-[:LOCATED_IN]->(x:Place) WHERE x.country IN $country })
CALL (c) {
  RETURN c AS n
  UNION
  MATCH (c)--(n:Entity)
  RETURN n
}
WITH DISTINCT n
WHERE $labels IS NULL OR any(l IN labels(n) WHERE l IN $labels)
RETURN n.id AS id
ORDER BY id

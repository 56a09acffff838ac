// After the anchor and filters: order, one page of ids, the total, and facet counts over all matches.
WITH c, score
ORDER BY score DESC, coalesce(c.year, 0) DESC, c.name
WITH collect(c) AS cs
CALL (cs) {
  UNWIND cs AS c MATCH (c)-[:ILLUSTRATES]->(x:Pathway)
  WITH x, count(DISTINCT c) AS n ORDER BY x.number
  RETURN collect({value: toString(x.number), id: x.id, label: x.name, count: n}) AS pathway
}
CALL (cs) {
  UNWIND cs AS c MATCH (c)-[:CONTRIBUTES_TO]->(x) WHERE x:Goal OR x:Target
  WITH c, coalesce(x.goal, x.number) AS goal
  WITH goal, count(DISTINCT c) AS n ORDER BY goal
  MATCH (g:Goal {number: goal})
  RETURN collect({value: toString(goal), id: g.id, label: g.name, colour: g.colour, count: n}) AS sdg
}
CALL (cs) {
  UNWIND cs AS c MATCH (c)-[:CONTRIBUTES_TO]->(x:Target)
  WITH x, count(DISTINCT c) AS n ORDER BY n DESC, x.code LIMIT 50
  RETURN collect({value: x.code, id: x.id, label: x.name, count: n}) AS target
}
CALL (cs) {
  UNWIND cs AS c MATCH (c)-[:ABOUT_THEME]->(x:Theme)
  WITH x, count(DISTINCT c) AS n ORDER BY n DESC, x.name
  RETURN collect({value: x.id, id: x.id, label: x.name, count: n}) AS theme
}
CALL (cs) {
  UNWIND cs AS c MATCH (c)-[:USES_APPROACH]->(x:ProcurementApproach)
  WITH x, count(DISTINCT c) AS n ORDER BY n DESC, x.name
  RETURN collect({value: x.id, id: x.id, label: x.name, count: n}) AS approach
}
CALL (cs) {
  UNWIND cs AS c MATCH (c)-[:LOCATED_IN]->(x:Place)
  WITH x.country AS country, count(DISTINCT c) AS n ORDER BY n DESC, country LIMIT 60
  RETURN collect({value: country, label: country, count: n}) AS country
}
CALL (cs) {
  UNWIND cs AS c MATCH (c)-[:LOCATED_IN]->(x:Place)
  WITH x, count(DISTINCT c) AS n ORDER BY n DESC, x.name LIMIT 50
  RETURN collect({value: x.id, id: x.id, label: x.name, count: n}) AS place
}
CALL (cs) {
  UNWIND cs AS c MATCH (c)-[:PART_OF]->(x:Initiative)
  WITH x, count(DISTINCT c) AS n ORDER BY n DESC, x.name LIMIT 50
  RETURN collect({value: x.id, id: x.id, label: x.name, count: n}) AS initiative
}
CALL (cs) {
  UNWIND cs AS c WITH c.year AS year, count(*) AS n WHERE year IS NOT NULL
  WITH year, n ORDER BY year DESC
  RETURN collect({value: toString(year), label: toString(year), count: n}) AS year
}
RETURN size(cs) AS total,
       [c IN cs[$offset..($offset + $limit)] | c.id] AS ids,
       {pathway: pathway, sdg: sdg, target: target, theme: theme, approach: approach,
        country: country, place: place, initiative: initiative, year: year} AS facets

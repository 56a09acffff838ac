// After the anchor and filters: order, one page of ids, the total, and facet counts over all matches.
WITH c, score
ORDER BY score DESC, coalesce(c.year, 0) DESC, c.name
WITH collect(c) AS cs
// Each case's facet values come from its card's facet lists; a case whose card is missing or of
// another format (being rebuilt) is read through its relationships instead.
CALL (cs) {
  UNWIND cs AS c
  UNWIND CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat THEN COLLECT { MATCH (c)-[:ILLUSTRATES]->(x:Pathway) WHERE x.number IS NOT NULL RETURN DISTINCT x.number } ELSE c.facetPathways END AS v
  WITH v, count(*) AS n
  MATCH (x:Pathway {number: v})
  WITH x, n ORDER BY x.number
  RETURN collect({value: toString(x.number), id: x.id, label: x.name, count: n}) AS pathway
}
CALL (cs) {
  UNWIND cs AS c
  UNWIND CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat
    THEN COLLECT {
      MATCH (c)-[:CONTRIBUTES_TO]->(x) WHERE x:Goal OR x:Target
      WITH CASE WHEN x:Goal THEN x.number ELSE x.goal END AS goal WHERE goal IS NOT NULL
      RETURN DISTINCT goal
    }
    ELSE c.facetGoals END AS goal
  WITH goal, count(*) AS n ORDER BY goal
  MATCH (g:Goal {number: goal})
  RETURN collect({value: toString(goal), id: g.id, label: g.name, colour: g.colour, count: n}) AS sdg
}
CALL (cs) {
  UNWIND cs AS c
  UNWIND CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat THEN COLLECT { MATCH (c)-[:CONTRIBUTES_TO]->(x:Target) WHERE x.code IS NOT NULL RETURN DISTINCT x.code } ELSE c.facetTargets END AS v
  WITH v, count(*) AS n ORDER BY n DESC, v LIMIT 50
  MATCH (x:Target {code: v})
  RETURN collect({value: x.code, id: x.id, label: x.name, count: n}) AS target
}
CALL (cs) {
  UNWIND cs AS c
  UNWIND CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat THEN COLLECT { MATCH (c)-[:ABOUT_THEME]->(x:Theme) RETURN DISTINCT x.id } ELSE c.facetThemes END AS v
  WITH v, count(*) AS n
  MATCH (x:Entity {id: v})
  WITH x, n ORDER BY n DESC, x.name
  RETURN collect({value: x.id, id: x.id, label: x.name, count: n}) AS theme
}
CALL (cs) {
  UNWIND cs AS c
  UNWIND CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat THEN COLLECT { MATCH (c)-[:USES_APPROACH]->(x:ProcurementApproach) RETURN DISTINCT x.id } ELSE c.facetApproaches END AS v
  WITH v, count(*) AS n
  MATCH (x:Entity {id: v})
  WITH x, n ORDER BY n DESC, x.name
  RETURN collect({value: x.id, id: x.id, label: x.name, count: n}) AS approach
}
CALL (cs) {
  UNWIND cs AS c
  UNWIND CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat
    THEN COLLECT { MATCH (c)-[:LOCATED_IN]->(x:Place) WHERE x.country IS NOT NULL RETURN DISTINCT x.country }
    ELSE c.facetCountries END AS country
  WITH country, count(*) AS n ORDER BY n DESC, country LIMIT 60
  RETURN collect({value: country, label: country, count: n}) AS country
}
CALL (cs) {
  UNWIND cs AS c
  UNWIND CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat THEN COLLECT { MATCH (c)-[:LOCATED_IN]->(x:Place) RETURN DISTINCT x.id } ELSE c.facetPlaces END AS v
  WITH v, count(*) AS n
  MATCH (x:Entity {id: v})
  WITH x, n ORDER BY n DESC, x.name LIMIT 50
  RETURN collect({value: x.id, id: x.id, label: x.name, count: n}) AS place
}
CALL (cs) {
  UNWIND cs AS c
  UNWIND CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat THEN COLLECT { MATCH (c)-[:PART_OF]->(x:Initiative) RETURN DISTINCT x.id } ELSE c.facetInitiatives END AS v
  WITH v, count(*) AS n
  MATCH (x:Entity {id: v})
  WITH x, n ORDER BY n DESC, x.name LIMIT 50
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

// Stores built list cards (JSON text) with the ids of the sources they cite, and the case's facet
// values (what the faceted search filters and counts), read in the same transaction as the card.
UNWIND $cards AS row
MATCH (c:Entity {id: row.id}) WHERE c:Case
WITH row, c, [(c)-[:CONTRIBUTES_TO]->(x) WHERE x:Goal OR x:Target | coalesce(x.goal, x.number)] AS goals,
     [(c)-[:LOCATED_IN]->(x:Place) WHERE x.country IS NOT NULL | x.country] AS countries
SET c.listCard = row.card, c.listCardSources = row.sources, c.listCardFormat = $format,
    c.facetPathways = [(c)-[:ILLUSTRATES]->(x:Pathway) | x.number],
    c.facetGoals = reduce(acc = [], g IN goals | CASE WHEN g IN acc THEN acc ELSE acc + g END),
    c.facetTargets = [(c)-[:CONTRIBUTES_TO]->(x:Target) | x.code],
    c.facetThemes = [(c)-[:ABOUT_THEME]->(x:Theme) | x.id],
    c.facetApproaches = [(c)-[:USES_APPROACH]->(x:ProcurementApproach) | x.id],
    c.facetCountries = reduce(acc = [], v IN countries | CASE WHEN v IN acc THEN acc ELSE acc + v END),
    c.facetPlaces = [(c)-[:LOCATED_IN]->(x:Place) | x.id],
    c.facetInitiatives = [(c)-[:PART_OF]->(x:Initiative) | x.id]
RETURN count(c) AS stored

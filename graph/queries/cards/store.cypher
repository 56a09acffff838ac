// Stores built list cards (JSON text) with the ids of the sources they cite, and the case's facet
// values (what the faceted search filters and counts), read in the same transaction as the card.
// Each list holds distinct values and no nulls, as the search's reads through relationships do.
UNWIND $cards AS row
MATCH (c:Entity {id: row.id}) WHERE c:Case
SET c.listCard = row.card, c.listCardSources = row.sources, c.listCardFormat = $format,
    c.facetPathways = COLLECT { MATCH (c)-[:ILLUSTRATES]->(x:Pathway) WHERE x.number IS NOT NULL RETURN DISTINCT x.number },
    c.facetGoals = COLLECT {
      MATCH (c)-[:CONTRIBUTES_TO]->(x) WHERE x:Goal OR x:Target
      WITH CASE WHEN x:Goal THEN x.number ELSE x.goal END AS goal WHERE goal IS NOT NULL
      RETURN DISTINCT goal
    },
    c.facetTargets = COLLECT { MATCH (c)-[:CONTRIBUTES_TO]->(x:Target) WHERE x.code IS NOT NULL RETURN DISTINCT x.code },
    c.facetThemes = COLLECT { MATCH (c)-[:ABOUT_THEME]->(x:Theme) RETURN DISTINCT x.id },
    c.facetApproaches = COLLECT { MATCH (c)-[:USES_APPROACH]->(x:ProcurementApproach) RETURN DISTINCT x.id },
    c.facetCountries = COLLECT { MATCH (c)-[:LOCATED_IN]->(x:Place) WHERE x.country IS NOT NULL RETURN DISTINCT x.country },
    c.facetPlaces = COLLECT { MATCH (c)-[:LOCATED_IN]->(x:Place) RETURN DISTINCT x.id },
    c.facetInitiatives = COLLECT { MATCH (c)-[:PART_OF]->(x:Initiative) RETURN DISTINCT x.id }
RETURN count(c) AS stored

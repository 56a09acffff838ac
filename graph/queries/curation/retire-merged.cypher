MATCH (d:Entity {id: $duplicate}), (s:Entity {id: $survivor})
REMOVE d:Entity
REMOVE d:$($label)
REMOVE d.listCard, d.listCardSources, d.listCardFormat, d.facetPathways, d.facetGoals, d.facetTargets, d.facetThemes, d.facetApproaches, d.facetCountries, d.facetPlaces, d.facetInitiatives
SET d:Merged, d.mergedInto = $survivor, d.mergedAt = $at, d.mergedBy = $by
CREATE (d)-[:MERGED_INTO]->(s)
RETURN d.id AS id

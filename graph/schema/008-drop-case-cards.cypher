// Lists and search read the in-memory read model; the case cards once stored on cases are removed.
MATCH (c:Case) WHERE c.listCard IS NOT NULL OR c.listCardFormat IS NOT NULL OR c.facetPathways IS NOT NULL
CALL (c) {
  REMOVE c.listCard, c.listCardSources, c.listCardFormat, c.facetPathways, c.facetGoals, c.facetTargets,
         c.facetThemes, c.facetApproaches, c.facetCountries, c.facetPlaces, c.facetInitiatives
} IN TRANSACTIONS OF 5000 ROWS;

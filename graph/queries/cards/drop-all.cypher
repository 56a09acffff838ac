// Drops every case card (after a restore or a bulk load), in bounded batches; the keeper rebuilds them.
MATCH (c:Case)
CALL (c) {
  SET c.cardLock = true
  REMOVE c.cardLock, c.listCard, c.listCardSources, c.listCardFormat,
  c.facetPathways, c.facetGoals, c.facetTargets, c.facetThemes, c.facetApproaches, c.facetCountries, c.facetPlaces, c.facetInitiatives
} IN TRANSACTIONS OF 5000 ROWS

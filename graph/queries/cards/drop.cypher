// Drops the list cards a change may have made stale: those of the cases in $cases, and those of every
// case linked to a node in $around (in any state: live, deleted or merged away). Each case is
// write-locked, also when it had no card, so a card being built meanwhile waits for this change.
CALL () {
  UNWIND $cases AS cid
  MATCH (c:Entity {id: cid}) WHERE c:Case
  RETURN c
  UNION
  UNWIND $around AS nid
  MATCH (n) WHERE n.id = nid AND (n:Entity OR n:Deleted OR n:Merged)
  MATCH (n)--(c:Case)
  RETURN c
}
WITH DISTINCT c
SET c.cardLock = true
REMOVE c.cardLock, c.listCard, c.listCardSources, c.listCardFormat,
  c.facetPathways, c.facetGoals, c.facetTargets, c.facetThemes, c.facetApproaches, c.facetCountries, c.facetPlaces, c.facetInitiatives
RETURN count(c) AS dropped

// One bounded batch of a discarded restore's staged relationships (they only join staged nodes of
// one run); $run as in delete-staged-nodes.
MATCH (x:RestoreStaged)-[r]->()
WHERE CASE WHEN $run IS NULL THEN NOT EXISTS { MATCH (m:RestoreMarker) WHERE m.id = x._atlasRestoreRun } ELSE x._atlasRestoreRun = $run END
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS n

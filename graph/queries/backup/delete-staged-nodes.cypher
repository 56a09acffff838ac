// One bounded batch of a discarded restore's staged nodes: those of run $run, or, when $run is
// null, those whose run has no marker left (a restore that died before it could say so).
MATCH (x:RestoreStaged)
WHERE CASE WHEN $run IS NULL THEN NOT EXISTS { MATCH (m:RestoreMarker) WHERE m.id = x._atlasRestoreRun } ELSE x._atlasRestoreRun = $run END
WITH x LIMIT $limit
DETACH DELETE x
RETURN count(*) AS n

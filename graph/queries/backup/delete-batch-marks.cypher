// A finished or discarded restore's progress marks (ids start with the run id; one per batch, so
// few); when $run is null, those of runs that have no marker left.
MATCH (b:RestoreBatch)
WHERE CASE WHEN $run IS NULL THEN NOT EXISTS { MATCH (m:RestoreMarker) WHERE b.id STARTS WITH m.id + ':' } ELSE b.id STARTS WITH $run + ':' END
DELETE b

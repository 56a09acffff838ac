// Staged nodes whose restore has no marker left (the marker is made before any of them), and those
// of restores that finished their load but have not finished switching (:RestorePromoted).
OPTIONAL MATCH (x:RestoreStaged)
WHERE NOT EXISTS { MATCH (m:RestoreMarker) WHERE m.id = x._atlasRestoreRun }
WITH count(x) AS orphans
OPTIONAL MATCH (p:RestorePromoted)
RETURN orphans AS n, count(p) AS promoted

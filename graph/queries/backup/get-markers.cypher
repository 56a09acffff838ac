// Restores under way or interrupted, with how long ago each last showed it was alive.
MATCH (m:RestoreMarker)
RETURN m {.*} AS marker, timestamp() - m.beat AS silentMs
ORDER BY m.startedAt

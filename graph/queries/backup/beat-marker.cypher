// A running restore shows it is alive.
MATCH (m:RestoreMarker {id: $id})
SET m.beat = timestamp()

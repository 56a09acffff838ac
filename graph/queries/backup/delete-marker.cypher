// A restore that finished, or was undone.
MATCH (m:RestoreMarker {id: $id})
DELETE m

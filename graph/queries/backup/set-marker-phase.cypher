// The staged copy is complete: from here the restore goes forward, never back.
MATCH (m:RestoreMarker {id: $id})
SET m.phase = $phase, m.beat = timestamp()
RETURN m.id AS id

// Says a restore is under way, what it replaces and how far it got, so an interrupted one is found
// and put right at the next restore or start; beat is Neo4j's clock, so hosts' clocks do not matter.
CREATE (m:RestoreMarker)
SET m = $marker, m.phase = 'staging', m.beat = timestamp()

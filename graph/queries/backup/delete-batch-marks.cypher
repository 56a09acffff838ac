// A finished restore's progress marks; one per batch, so few.
MATCH (m:RestoreBatch)
DELETE m

// Earlier review batches whose items came from these sources, oldest first: their decisions are remembered.
MATCH (b:IngestBatch)
WHERE any(sid IN coalesce(b.sourceIds, []) WHERE sid IN $sources)
RETURN b.id AS id, b.items AS items
ORDER BY b.createdAt, b.id

MATCH (b:IngestBatch {id: $id})
SET b += $props
RETURN b.version AS version

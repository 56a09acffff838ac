// A new review batch. It is not an :Entity, so the public graph, search, exports and counts never see it.
MERGE (b:IngestBatch {id: $props.id})
SET b = $props, b.version = 1, b.itemCount = $itemCount
RETURN b.id AS id

// The newest review batches first, without their items.
MATCH (b:IngestBatch)
RETURN b {.id, .title, .url, .date, .sourceType, .createdAt, .createdBy, .updatedAt, .status, .version, .counts, .itemCount} AS batch
ORDER BY b.createdAt DESC, b.id
LIMIT $limit

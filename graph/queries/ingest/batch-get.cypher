MATCH (b:IngestBatch {id: $id})
RETURN b {.*} AS batch

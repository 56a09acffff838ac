// Takes the batch's write lock before reading it, so that two commits of one batch run one after the
// other and the second sees what the first wrote.
MATCH (b:IngestBatch {id: $id})
SET b._lock = true
WITH b
SET b.version = b.version + 1
REMOVE b._lock
RETURN b {.*} AS batch

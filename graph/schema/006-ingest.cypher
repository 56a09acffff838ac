
// Ingested texts waiting for review, outside the public graph.
CREATE CONSTRAINT ingest_batch_id IF NOT EXISTS FOR (b:IngestBatch) REQUIRE b.id IS UNIQUE;

// Records that a schema file was applied (first time only).
MERGE (m:SchemaMigration {id: $id})
ON CREATE SET m.appliedAt = datetime()

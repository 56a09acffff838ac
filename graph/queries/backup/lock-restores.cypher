// Serialises starting a restore across processes: the transaction takes the write lock of the first
// schema migration record (every migrated database has one), so a second restore waits, then sees
// the first one's marker. Returns 0 on a database that was never migrated.
MATCH (s:SchemaMigration)
WITH s ORDER BY s.id LIMIT 1
SET s._restoreLock = true
REMOVE s._restoreLock
RETURN count(s) AS locked

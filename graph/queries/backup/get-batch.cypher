// A batch of a restore that an earlier attempt of its transaction already committed, with the
// nodes it made (their keys in the backup and their element ids).
MATCH (m:RestoreBatch {id: $id})
RETURN m.keys AS keys, m.refs AS refs

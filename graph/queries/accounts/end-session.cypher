MATCH (a:Account {id: $id})
SET a.sessions = [s IN coalesce(a.sessions, []) WHERE s <> $entry]

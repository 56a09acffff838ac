// Entries are `<expiry epoch seconds>.<hash of the session id>`: expired ones are dropped, and
// only the newest $keep are kept, so the list stays small whatever happens.
MATCH (a:Account {id: $id})
WITH a, [s IN coalesce(a.sessions, []) WHERE toInteger(split(s, '.')[0]) > $now] + $entry AS live
SET a.sessions = live[-$keep..]
RETURN a {.id, .name, .role} AS account

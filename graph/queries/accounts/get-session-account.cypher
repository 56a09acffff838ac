MATCH (a:Account {id: $id})
WHERE $entry IN coalesce(a.sessions, [])
RETURN a {.id, .name, .role} AS account

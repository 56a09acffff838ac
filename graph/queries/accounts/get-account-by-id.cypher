MATCH (a:Account {id: $id})
RETURN a {.id, .name, .role} AS account

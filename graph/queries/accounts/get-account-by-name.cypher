MATCH (a:Account {name: $name})
RETURN a {.id, .name, .role} AS account

// Keyed by an id made before the transaction: a retried attempt finds the account its first,
// committed attempt made instead of making a second one.
MERGE (a:Account {id: $id})
ON CREATE SET a.name = $name, a.role = $role, a.passwordHash = $passwordHash, a.createdAt = datetime()
RETURN a {.id, .name, .role, createdAt: toString(a.createdAt)} AS account

CREATE (a:Account {id: $id, name: $name, role: $role, passwordHash: $passwordHash, createdAt: datetime(), failedSignIns: 0})
RETURN a {.id, .name, .role, createdAt: toString(a.createdAt)} AS account

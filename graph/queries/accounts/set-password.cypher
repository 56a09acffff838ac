// A new password ends every session of the account.
MATCH (a:Account {id: $id})
SET a.passwordHash = $passwordHash, a.sessions = [], a.passwordChangedAt = datetime()
RETURN a {.id, .name, .role} AS account

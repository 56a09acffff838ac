MATCH (t:ApiToken {id: $id})-[:OF_ACCOUNT]->(a:Account)
SET t.revokedAt = coalesce(t.revokedAt, datetime())
RETURN t {.id, .name, .prefix, revokedAt: toString(t.revokedAt), account: a.name} AS token

MATCH (a:Account {id: $accountId})
CREATE (t:ApiToken {
  id: $id, name: $name, prefix: $prefix, hash: $hash, createdAt: datetime(),
  expiresAt: CASE WHEN $expiresDays IS NULL THEN null ELSE datetime() + duration({days: $expiresDays}) END
})-[:OF_ACCOUNT]->(a)
RETURN t {.id, .name, .prefix, createdAt: toString(t.createdAt), expiresAt: toString(t.expiresAt), account: a.name} AS token

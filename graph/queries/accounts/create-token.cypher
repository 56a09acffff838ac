// Keyed by an id made before the transaction, so a retried attempt does not make a second token.
MATCH (a:Account {id: $accountId})
MERGE (t:ApiToken {id: $id})
ON CREATE SET t.name = $name, t.prefix = $prefix, t.hash = $hash, t.createdAt = datetime(),
  t.expiresAt = CASE WHEN $expiresDays IS NULL THEN null ELSE datetime() + duration({days: $expiresDays}) END
MERGE (t)-[:OF_ACCOUNT]->(a)
RETURN t {.id, .name, .prefix, createdAt: toString(t.createdAt), expiresAt: toString(t.expiresAt), account: a.name} AS token

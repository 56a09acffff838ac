MATCH (t:ApiToken)-[:OF_ACCOUNT]->(a:Account)
WHERE $accountId IS NULL OR a.id = $accountId
RETURN t {
  .id, .name, .prefix,
  createdAt: toString(t.createdAt),
  expiresAt: toString(t.expiresAt),
  revokedAt: toString(t.revokedAt),
  lastUsedAt: toString(t.lastUsedAt),
  expired: t.expiresAt IS NOT NULL AND t.expiresAt <= datetime(),
  accountId: a.id,
  account: a.name
} AS token
ORDER BY a.name, t.createdAt

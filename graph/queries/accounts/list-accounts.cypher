MATCH (a:Account)
OPTIONAL MATCH (t:ApiToken)-[:OF_ACCOUNT]->(a)
  WHERE t.revokedAt IS NULL AND (t.expiresAt IS NULL OR t.expiresAt > datetime())
WITH a, count(t) AS activeTokens
RETURN a {
  .id, .name, .role,
  createdAt: toString(a.createdAt),
  lastSignInAt: toString(a.lastSignInAt),
  activeTokens: activeTokens
} AS account
ORDER BY a.name

MATCH (t:ApiToken {prefix: $prefix})-[:OF_ACCOUNT]->(a:Account)
RETURN t.id AS id, t.hash AS hash,
       t.revokedAt IS NOT NULL AS revoked,
       t.expiresAt IS NOT NULL AND t.expiresAt <= datetime() AS expired,
       t.lastUsedAt IS NULL OR t.lastUsedAt < datetime() - duration({minutes: 1}) AS stale,
       a {.id, .name, .role} AS account

// The right password clears its (address, name) pair and takes back the name's count for this attempt.
MATCH (a:Account {id: $id})
SET a.lastSignInAt = datetime()
WITH a
OPTIONAL MATCH (p:SignInThrottle {key: $pairKey})
DELETE p
WITH a
OPTIONAL MATCH (n:SignInThrottle {key: $nameKey})
SET n.failures = CASE WHEN n.failures > 0 THEN n.failures - 1 ELSE 0 END

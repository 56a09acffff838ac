// Counts the attempt as a failure of the name and of the (address, name) pair before the password
// is checked, so parallel guesses cannot outrun the limit; the same steps run whether or not an
// account has the name. MERGE on the unique key takes the node's lock, serialising attempts.
MERGE (n:SignInThrottle {key: $nameKey})
MERGE (p:SignInThrottle {key: $pairKey})
SET n.failures = CASE WHEN n.until IS NULL OR n.until <= datetime() THEN 0 ELSE n.failures END,
    p.failures = CASE WHEN p.until IS NULL OR p.until <= datetime() THEN 0 ELSE p.failures END
WITH n, p, p.failures >= $maxFailures AS refused
SET n.failures = CASE WHEN refused THEN n.failures ELSE n.failures + 1 END,
    n.until = CASE WHEN refused THEN n.until ELSE datetime() + duration({minutes: $lockMinutes}) END,
    p.failures = CASE WHEN refused THEN p.failures ELSE p.failures + 1 END,
    p.until = CASE WHEN refused THEN p.until ELSE datetime() + duration({minutes: $lockMinutes}) END
WITH n, p, refused
OPTIONAL MATCH (a:Account {name: $name})
RETURN a.id AS id, a.name AS name, a.role AS role, a.passwordHash AS passwordHash,
       refused, n.failures AS nameFailures, p.until.epochMillis AS lockedUntil

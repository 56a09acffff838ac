// Counts the attempt as a failure before the password is checked, so parallel guesses cannot
// outrun the lockout; a success resets the count. Reading failedSignIns inside SET takes the
// node's write lock first, so concurrent attempts are serialised.
MATCH (a:Account {name: $name})
SET a.failedSignIns = CASE WHEN a.lockedUntil IS NOT NULL AND a.lockedUntil <= datetime() THEN 0 ELSE coalesce(a.failedSignIns, 0) END,
    a.lockedUntil = CASE WHEN a.lockedUntil <= datetime() THEN null ELSE a.lockedUntil END
WITH a, a.failedSignIns >= $maxFailures AS refused
SET a.lockedUntil = CASE WHEN refused AND a.lockedUntil IS NULL THEN datetime() + duration({minutes: $lockMinutes}) ELSE a.lockedUntil END,
    a.failedSignIns = CASE WHEN refused THEN a.failedSignIns ELSE a.failedSignIns + 1 END
RETURN a.id AS id, a.name AS name, a.role AS role, a.passwordHash AS passwordHash,
       refused, a.failedSignIns AS attempt, a.lockedUntil.epochMillis AS lockedUntil

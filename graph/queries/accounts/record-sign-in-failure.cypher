MATCH (a:Account {id: $id})
SET a.lockedUntil = CASE WHEN a.failedSignIns >= $maxFailures THEN datetime() + duration({minutes: $lockMinutes}) ELSE a.lockedUntil END
RETURN a.lockedUntil.epochMillis AS lockedUntil

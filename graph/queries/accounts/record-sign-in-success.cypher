MATCH (a:Account {id: $id})
SET a.failedSignIns = 0, a.lockedUntil = null, a.lastSignInAt = datetime()

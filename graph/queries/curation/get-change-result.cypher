// The recorded result of a change, when a transaction with this change id was already committed.
MATCH (c:Change {id: $id})
RETURN c.result AS result

// Keeps what a change answered, so that a retried transaction with the same change id answers the same.
MATCH (c:Change {id: $id})
SET c.result = $result

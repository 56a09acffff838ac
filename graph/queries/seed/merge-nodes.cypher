// Creates or updates seed nodes by id; the kind label comes from the validated seed (a whitelisted label).
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.label)

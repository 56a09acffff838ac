// Replaces a live node's properties as a whole (the links are the caller's concern).
MATCH (n:Entity {id: $id})
SET n = $props
RETURN n.version AS version

// One live case, bound to c.
MATCH (c:Case:Entity {id: $id})

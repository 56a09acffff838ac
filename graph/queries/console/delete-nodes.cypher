// Removes nodes that have left the public graph from the console's copy, with their relationships.
UNWIND $ids AS id
MATCH (x:Entity {id: id})
DETACH DELETE x
RETURN count(*) AS deleted

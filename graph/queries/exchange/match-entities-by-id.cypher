UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE none(l IN labels(n) WHERE l IN $privateLabels)
WITH n AS x

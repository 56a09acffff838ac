MATCH (anchor:Entity) WHERE anchor.id IN $place AND anchor:Place
MATCH (anchor)<-[:PART_OF*0..3]-(:Place)<-[:LOCATED_IN]-(c:Case)
WITH DISTINCT c, 0.0 AS score

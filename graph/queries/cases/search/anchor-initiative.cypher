MATCH (anchor:Entity) WHERE anchor.id IN $initiative AND anchor:Initiative
MATCH (anchor)<-[:PART_OF]-(c:Case)
WITH DISTINCT c, 0.0 AS score

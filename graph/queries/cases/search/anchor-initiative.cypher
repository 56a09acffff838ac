MATCH (anchor:Initiative) WHERE anchor.id IN $initiative
MATCH (anchor)<-[:PART_OF]-(c:Case)
WITH DISTINCT c, 0.0 AS score

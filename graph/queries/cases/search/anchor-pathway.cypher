MATCH (anchor:Pathway) WHERE anchor.number IN $pathway
MATCH (anchor)<-[:ILLUSTRATES]-(c:Case)
WITH DISTINCT c, 0.0 AS score

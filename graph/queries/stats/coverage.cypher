// Case counts for each pathway and goal pair; a goal is reached directly or through one of its targets.
MATCH (c:Case)-[:ILLUSTRATES]->(p:Pathway)
MATCH (c)-[:CONTRIBUTES_TO]->(x)
WHERE x:Goal OR x:Target
OPTIONAL MATCH (x:Target)-[:BELONGS_TO]->(tg:Goal)
WITH p.number AS pathway, coalesce(tg, x).number AS goal, c
RETURN pathway, goal, count(DISTINCT c) AS cases
ORDER BY pathway, goal

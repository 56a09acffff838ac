// Case counts for each pathway and goal pair; a goal is reached directly or through one of its
// targets (the UNION counts a case once per goal).
MATCH (p:Pathway)<-[:ILLUSTRATES]-(c:Case)
CALL (c) {
  MATCH (c)-[:CONTRIBUTES_TO]->(g:Goal) RETURN g.number AS goal
  UNION
  MATCH (c)-[:CONTRIBUTES_TO]->(t:Target) RETURN t.goal AS goal
}
RETURN p.number AS pathway, goal, count(*) AS cases
ORDER BY pathway, goal

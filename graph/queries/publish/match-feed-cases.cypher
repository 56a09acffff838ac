// The cases of a feed, bound to c: every case, or those of one pathway, one goal (linked to the goal
// or to one of its targets) or one country.
MATCH (c:Case:Entity)
WHERE ($pathway IS NULL OR EXISTS { (c)-[:ILLUSTRATES]->(p:Pathway) WHERE p.number = $pathway })
  AND ($goal IS NULL
       OR EXISTS { (c)-[:CONTRIBUTES_TO]->(g:Goal) WHERE g.number = $goal }
       OR EXISTS { (c)-[:CONTRIBUTES_TO]->(:Target)-[:BELONGS_TO]->(g:Goal) WHERE g.number = $goal })
  AND ($country IS NULL OR EXISTS { (c)-[:LOCATED_IN]->(x:Place) WHERE x.country = $country })

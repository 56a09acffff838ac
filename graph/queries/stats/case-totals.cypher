MATCH (p:Pathway)
WITH collect({number: p.number, name: p.name, cases: COUNT { (p)<-[:ILLUSTRATES]-(:Case) }}) AS pathways
MATCH (g:Goal)
WITH pathways, collect({
  number: g.number, name: g.name, colour: g.colour,
  cases: COUNT { MATCH (c:Case) WHERE (c)-[:CONTRIBUTES_TO]->(g) OR (c)-[:CONTRIBUTES_TO]->(:Target)-[:BELONGS_TO]->(g) }
}) AS goals
MATCH (t:Target) WHERE NOT (t)<-[:CONTRIBUTES_TO]-(:Case)
WITH pathways, goals, count(t) AS targetsWithoutCases
MATCH (t:Target)
RETURN pathways, goals, targetsWithoutCases, count(t) AS targets, COUNT { (:Case) } AS cases

MATCH (p:Pathway)
WITH collect({number: p.number, name: p.name, cases: COUNT { (p)<-[:ILLUSTRATES]-(:Case) }}) AS pathways
MATCH (g:Goal)
WITH pathways, collect({
  number: g.number, name: g.name, colour: g.colour,
  cases: size(COLLECT { MATCH (g)<-[:CONTRIBUTES_TO]-(c:Case) RETURN c UNION MATCH (g)<-[:BELONGS_TO]-(:Target)<-[:CONTRIBUTES_TO]-(c:Case) RETURN c })
}) AS goals
RETURN pathways, goals,
       COUNT { MATCH (t:Target) WHERE NOT (t)<-[:CONTRIBUTES_TO]-(:Case) } AS targetsWithoutCases,
       COUNT { (:Target) } AS targets,
       COUNT { (:Case) } AS cases

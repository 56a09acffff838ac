// The pathways with the numbers of the goals each aligns with, for scoring pathways from goals.
MATCH (p:Pathway)
RETURN p.id AS id, p.number AS number, p.name AS name,
       [(p)-[:ALIGNS_WITH]->(g:Goal) | g.number] AS goals
ORDER BY p.number

// The newest first, with what an entry shows: pathways, goals (directly or through a target), places.
WITH c, updated, published, dated
ORDER BY updated IS NULL, updated DESC, c.id
LIMIT $limit
RETURN c {.id, .name, .summary, .year} AS case,
       toString(updated) AS updated,
       toString(published) AS published,
       dated,
       [(c)-[:ILLUSTRATES]->(p:Pathway) | p {.number, .name}] AS pathways,
       COLLECT {
         MATCH (c)-[:CONTRIBUTES_TO]->(g:Goal) RETURN g.number AS n
         UNION
         MATCH (c)-[:CONTRIBUTES_TO]->(:Target)-[:BELONGS_TO]->(g:Goal) RETURN g.number AS n
       } AS goals,
       [(c)-[:LOCATED_IN]->(x:Place) | x {.id, .name, .country}] AS places

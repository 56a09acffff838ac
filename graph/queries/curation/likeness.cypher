// The live nodes of one kind with what the duplicate check compares: names, summary, year and places.
MATCH (n:Entity {kind: $kind})
RETURN n.id AS id, n.kind AS kind, n.name AS name, coalesce(n.altNames, []) AS altNames,
       coalesce(n.summary, n.description) AS summary, n.year AS year,
       [(n)-[:LOCATED_IN]->(p:Place) | p.id] AS places

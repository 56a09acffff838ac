// Names, alternate names, places and versions of one kind, for finding likely duplicates.
MATCH (n:Entity {kind: $kind})
RETURN n.id AS id, n.name AS name, coalesce(n.altNames, []) AS altNames, n.country AS country, coalesce(n.version, 0) AS version,
       [(n)-[:LOCATED_IN]->(p:Place) | p.id] AS places,
       [(n)-[:REPORTED_IN]->(s:Source) | s.id] AS sources

// Names and alternate names the ingest extractor matches in text, for the kinds it can propose.
MATCH (n:Entity)
WHERE n.kind IN $kinds
RETURN n.kind AS kind, n.id AS id, n.name AS name, coalesce(n.altNames, []) AS altNames,
       n.country AS country, n.placeType AS placeType, n.orgType AS orgType
ORDER BY n.id

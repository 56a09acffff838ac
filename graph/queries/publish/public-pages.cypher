// Every live entity, for the sitemap: what its page address is made of, and when it last changed
// as far as the app recorded it (history or updatedAt); soft-deleted and merged nodes are not
// :Entity, so they are not here.
MATCH (n:Entity)
CALL (n) {
  OPTIONAL MATCH (h:Change)-[:CHANGED]->(n)
  WITH collect(datetime(toString(h.at))) AS changes
  WITH changes + [t IN [n.updatedAt] WHERE t IS NOT NULL | datetime(toString(t))] AS times
  RETURN reduce(m = null, t IN times | CASE WHEN m IS NULL OR t > m THEN t ELSE m END) AS lastmod
}
RETURN n.kind AS kind, n.id AS id, n.number AS number, n.code AS code, toString(lastmod) AS lastmod
ORDER BY n.kind, n.number, n.code, n.id

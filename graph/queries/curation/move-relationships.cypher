// Moves every relationship of the duplicate onto the survivor; where the survivor already has the
// same relationship, the sources are united instead: a link some source states stays stated, an
// unverified one takes the duplicate's basis, and a note the survivor's link lacks is kept. History
// (:Change) moves along.
MATCH (d {id: $duplicate}) WHERE d:Entity
MATCH (s:Entity {id: $survivor})
CALL (d, s) {
  MATCH (d)-[r]->(m) WHERE m <> s
  MERGE (s)-[n:$(type(r))]->(m)
  ON CREATE SET n = properties(r)
  ON MATCH SET n.sources = coalesce(n.sources, []) + [x IN coalesce(r.sources, []) WHERE NOT x IN coalesce(n.sources, [])],
               n.note = coalesce(n.note, r.note),
               n.basis = CASE WHEN n.basis = 'stated' OR r.basis = 'stated' THEN 'stated'
                              WHEN coalesce(n.basis, 'unverified') = 'unverified' THEN coalesce(r.basis, n.basis)
                              ELSE n.basis END
  DELETE r
  RETURN count(*) AS outgoing
}
CALL (d, s) {
  MATCH (d)<-[r]-(m) WHERE m <> s
  MERGE (s)<-[n:$(type(r))]-(m)
  ON CREATE SET n = properties(r)
  ON MATCH SET n.sources = coalesce(n.sources, []) + [x IN coalesce(r.sources, []) WHERE NOT x IN coalesce(n.sources, [])],
               n.note = coalesce(n.note, r.note),
               n.basis = CASE WHEN n.basis = 'stated' OR r.basis = 'stated' THEN 'stated'
                              WHEN coalesce(n.basis, 'unverified') = 'unverified' THEN coalesce(r.basis, n.basis)
                              ELSE n.basis END
  DELETE r
  RETURN count(*) AS incoming
}
CALL (d, s) {
  MATCH (d)-[r]-(s) DELETE r RETURN count(*) AS between
}
RETURN outgoing, incoming, between

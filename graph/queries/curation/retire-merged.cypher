MATCH (d:Entity {id: $duplicate}), (s:Entity {id: $survivor})
REMOVE d:Entity
REMOVE d:$($label)
SET d:Merged, d.mergedInto = $survivor, d.mergedAt = $at, d.mergedBy = $by, d.version = coalesce(d.version, 0) + 1
CREATE (d)-[:MERGED_INTO]->(s)
RETURN d.id AS id, d.version AS version

// What the graph already holds from these sources: the nodes that cite each, its themes, and the cases
// it reports with their links.
UNWIND $sources AS sid
MATCH (s:Source:Entity {id: sid})
RETURN sid AS source,
       [(n:Entity)-[:REPORTED_IN]->(s) | n.id] AS cited,
       [(s)-[:ABOUT_THEME]->(t:Theme:Entity) | t.id] AS themes,
       [(c:Case:Entity)-[:REPORTED_IN]->(s) | c {.id, .name, links: [(c)-[r]->(m:Entity) WHERE type(r) IN $types | {type: type(r), to: m.id}]}] AS cases

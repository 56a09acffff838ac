// One entry of history, attached to every node the change touched; a revert names the change it undid.
CREATE (c:Change {id: $changeId, at: $at, by: $by, action: $action, target: $target, before: $before, after: $after, summary: $summary,
                  revertOf: $revertOf, effect: $effect})
WITH c
UNWIND $nodeIds AS nid
MATCH (n) WHERE n.id = nid AND (n:Entity OR n:Deleted OR n:Merged)
MERGE (c)-[:CHANGED]->(n)
RETURN c.id AS id

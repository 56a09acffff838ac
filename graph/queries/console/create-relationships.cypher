// Adds relationships to the console's copy; one whose ends are gone by now is skipped (the next
// refresh settles it).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created

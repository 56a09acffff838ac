// Makes each node of $rows exactly as given in the console's copy: its properties replaced, labels
// added and any label it no longer has removed.
UNWIND $rows AS row
MERGE (x:Entity {id: row.id})
SET x = row.props
SET x:$(row.labels)
WITH x, row
REMOVE x:$([l IN labels(x) WHERE NOT l IN row.labels])
RETURN count(x) AS upserted

// Of the records about to be written, the existing nodes whose fields shown on case cards differ.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WITH row, n
WHERE any(k IN $fields WHERE (n[k] IS NULL) <> (row.props[k] IS NULL) OR n[k] <> row.props[k])
RETURN n.id AS id

RETURN row.key AS key, elementId(x) AS ref

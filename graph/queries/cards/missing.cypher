// Live cases without a list card of the current format, a batch at a time.
MATCH (c:Case:Entity) WHERE c.listCard IS NULL OR c.listCardFormat IS NULL OR c.listCardFormat <> $format
RETURN c.id AS id
LIMIT $limit

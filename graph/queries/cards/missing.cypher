// Live cases without a list card of the current format, a batch at a time ($skip: cases whose card
// could not be built in this run).
MATCH (c:Case:Entity) WHERE (c.listCard IS NULL OR c.listCardFormat IS NULL OR c.listCardFormat <> $format) AND NOT c.id IN $skip
RETURN c.id AS id
LIMIT $limit

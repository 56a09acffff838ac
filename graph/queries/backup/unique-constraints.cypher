// The schema's uniqueness rules on nodes: a label and the properties whose values must be unique.
SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties
WHERE entityType = 'NODE' AND type IN ['UNIQUENESS', 'NODE_KEY']
RETURN labelsOrTypes[0] AS label, properties

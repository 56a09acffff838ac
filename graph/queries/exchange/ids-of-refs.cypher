// The ids of nodes given by element id (those without an id, such as records, are left out).
UNWIND $refs AS ref
MATCH (x) WHERE elementId(x) = ref AND x.id IS NOT NULL
RETURN x.id AS id

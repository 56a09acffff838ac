// Removes relationships of the console's copy by element id.
UNWIND $refs AS ref
MATCH ()-[r]->()
WHERE elementId(r) = ref
DELETE r
RETURN count(*) AS deleted

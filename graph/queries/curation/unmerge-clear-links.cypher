// Before a merge is undone: the survivor's relationships go (history and earlier merges stay), to be rebuilt as recorded.
MATCH (s:Entity {id: $survivor})-[r]-()
WHERE NOT type(r) IN ['CHANGED', 'MERGED_INTO']
DELETE r
RETURN count(r) AS removed

// Brings a merged-away node back as a live node of its kind with its recorded properties.
MATCH (d:Merged {id: $duplicate})-[m:MERGED_INTO]->(:Entity {id: $survivor})
DELETE m
REMOVE d:Merged
SET d:Entity, d:$($label)
SET d = $props
RETURN d.version AS version

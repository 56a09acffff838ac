// The number of the newest change, and of the oldest still kept (0 when none was recorded).
OPTIONAL MATCH (f:ChangeFeed {id: 'graph'})
RETURN coalesce(f.seq, 0) AS seq,
       coalesce(COLLECT { MATCH (c:GraphChange) RETURN c.seq AS s ORDER BY s LIMIT 1 }[0], 0) AS oldest

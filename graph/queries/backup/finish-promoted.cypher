// One bounded batch of the end of a switch: restored nodes drop the mark that kept them from being
// deleted with the graph they replace.
MATCH (x:RestorePromoted)
WITH x LIMIT $limit
REMOVE x:RestorePromoted
RETURN count(*) AS n

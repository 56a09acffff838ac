// Remembers that two nodes are not duplicates.
MERGE (d:DuplicateDismissal {pair: $pair})
SET d.a = $a, d.b = $b, d.by = $by, d.at = $at
RETURN d.pair AS pair

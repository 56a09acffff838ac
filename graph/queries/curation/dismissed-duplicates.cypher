// Pairs curators said are not duplicates.
MATCH (d:DuplicateDismissal)
RETURN d.pair AS pair

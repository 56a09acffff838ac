// A page of the public graph's nodes in id order: ids after $after, up to $upTo when it is given,
// at most $limit of them, each with its labels and its properties as [name, value] pairs. The
// properties named in $hidden (case cards: derived text the app rebuilds) are left out.
MATCH (n:Entity)
WHERE n.id > $after AND ($upTo IS NULL OR n.id <= $upTo)
WITH n
ORDER BY n.id
LIMIT $limit
RETURN n.id AS id, labels(n) AS labels, [k IN keys(n) WHERE NOT k IN $hidden | [k, n[k]]] AS props

// Nodes of one kind, optionally matching folded text in the name or any alternate name.
MATCH (n:Entity {kind: $kind})
WHERE ($q IS NULL OR n.searchKey CONTAINS $q)
  AND ($country IS NULL OR n.country = $country)
WITH n ORDER BY n.name
WITH collect(n) AS matches
RETURN size(matches) AS total,
       [n IN matches[$offset..($offset + $limit)] | n {
         .id, .name, .altNames, .country, .placeType, .orgType, .startYear, .endYear, .lat, .lon,
         cases: COUNT { (n)-[]-(:Case) }
       }] AS items

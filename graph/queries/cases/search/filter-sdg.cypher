CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat
  THEN EXISTS { (c)-[:CONTRIBUTES_TO]->(x) WHERE (x:Goal AND x.number IN $sdg) OR (x:Target AND x.goal IN $sdg) }
  ELSE any(v IN c.facetGoals WHERE v IN $sdg) END

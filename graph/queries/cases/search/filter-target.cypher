CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat
  THEN EXISTS { (c)-[:CONTRIBUTES_TO]->(x:Target) WHERE x.code IN $target }
  ELSE any(v IN c.facetTargets WHERE v IN $target) END

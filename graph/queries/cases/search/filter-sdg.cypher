EXISTS { (c)-[:CONTRIBUTES_TO]->(x) WHERE (x:Goal AND x.number IN $sdg) OR (x:Target AND x.goal IN $sdg) }

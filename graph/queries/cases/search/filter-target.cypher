EXISTS { (c)-[:CONTRIBUTES_TO]->(x:Target) WHERE x.code IN $target }

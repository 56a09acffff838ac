EXISTS { (c)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..3]->(x:Place) WHERE x.id IN $place }

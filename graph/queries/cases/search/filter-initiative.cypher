EXISTS { (c)-[:PART_OF]->(x:Initiative) WHERE x.id IN $initiative }

EXISTS { (c)-[:ILLUSTRATES]->(x:Pathway) WHERE x.number IN $pathway }

EXISTS { (c)-[:LOCATED_IN]->(x:Place) WHERE x.country IN $country }

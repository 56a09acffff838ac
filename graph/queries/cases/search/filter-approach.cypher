EXISTS { (c)-[:USES_APPROACH]->(x:ProcurementApproach) WHERE x.id IN $approach }

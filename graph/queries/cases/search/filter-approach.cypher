CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat
  THEN EXISTS { (c)-[:USES_APPROACH]->(x:ProcurementApproach) WHERE x.id IN $approach }
  ELSE any(v IN c.facetApproaches WHERE v IN $approach) END

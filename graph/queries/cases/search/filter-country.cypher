CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat
  THEN EXISTS { (c)-[:LOCATED_IN]->(x:Place) WHERE x.country IN $country }
  ELSE any(v IN c.facetCountries WHERE v IN $country) END

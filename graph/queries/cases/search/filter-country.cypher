CASE WHEN c.facetCountries IS NULL
  THEN EXISTS { (c)-[:LOCATED_IN]->(x:Place) WHERE x.country IN $country }
  ELSE any(v IN c.facetCountries WHERE v IN $country) END

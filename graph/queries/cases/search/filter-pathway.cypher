CASE WHEN c.facetPathways IS NULL
  THEN EXISTS { (c)-[:ILLUSTRATES]->(x:Pathway) WHERE x.number IN $pathway }
  ELSE any(v IN c.facetPathways WHERE v IN $pathway) END

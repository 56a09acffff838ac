CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat
  THEN EXISTS { (c)-[:ILLUSTRATES]->(x:Pathway) WHERE x.number IN $pathway }
  ELSE any(v IN c.facetPathways WHERE v IN $pathway) END

CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat
  THEN EXISTS { (c)-[:PART_OF]->(x:Initiative) WHERE x.id IN $initiative }
  ELSE any(v IN c.facetInitiatives WHERE v IN $initiative) END

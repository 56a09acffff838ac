CASE WHEN coalesce(c.listCardFormat, 0) <> $cardFormat
  THEN EXISTS { (c)-[:ABOUT_THEME]->(x:Theme) WHERE x.id IN $theme }
  ELSE any(v IN c.facetThemes WHERE v IN $theme) END

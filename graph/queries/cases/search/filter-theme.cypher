EXISTS { (c)-[:ABOUT_THEME]->(x:Theme) WHERE x.id IN $theme }

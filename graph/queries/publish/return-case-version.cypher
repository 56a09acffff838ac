// A case as a citation names it: its version and the dates of that version.
RETURN c {.id, .name, .summary, .year, .version} AS case,
       toString(updated) AS updated,
       toString(published) AS published,
       dated,
       [(c)-[:LOCATED_IN]->(x:Place) | x.name] AS places

// Ends a match-*.cypher (which binds x): each node with its labels and every property with its Neo4j
// type; integers and temporals as text so that nothing is rounded or reformatted on the way. A case's
// card (its properties are listed below and in CARD_PROPS; the import refuses them) is derived
// data, rebuilt from the graph, and is left out.
RETURN elementId(x) AS ref, labels(x) AS labels,
  [k IN keys(x) WHERE NOT k IN ['listCard', 'listCardSources', 'listCardFormat', 'facetPathways', 'facetGoals', 'facetTargets',
    'facetThemes', 'facetApproaches', 'facetCountries', 'facetPlaces', 'facetInitiatives'] | {key: k, type: valueType(x[k]), value: CASE
    WHEN valueType(x[k]) STARTS WITH 'POINT' THEN {srid: x[k].srid, x: x[k].x, y: x[k].y, z: CASE WHEN x[k].srid IN [4979, 9157] THEN x[k].z END}
    WHEN valueType(x[k]) STARTS WITH 'LIST<POINT' THEN [v IN x[k] | {srid: v.srid, x: v.x, y: v.y, z: CASE WHEN v.srid IN [4979, 9157] THEN v.z END}]
    WHEN valueType(x[k]) =~ '(STRING|BOOLEAN|FLOAT) NOT NULL|LIST<(STRING|BOOLEAN|FLOAT|NOTHING).*' THEN x[k]
    WHEN valueType(x[k]) STARTS WITH 'LIST' THEN [v IN x[k] | toString(v)]
    ELSE toString(x[k])
  END}] AS props

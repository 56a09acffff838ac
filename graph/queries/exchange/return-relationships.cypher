// Ends read-relationships or find-relationships (which bind x and at): each relationship with every
// property and its Neo4j type, as in return-nodes.
RETURN at, type(x) AS type,
  [k IN keys(x) | {key: k, type: valueType(x[k]), value: CASE
    WHEN valueType(x[k]) STARTS WITH 'POINT' THEN {srid: x[k].srid, x: x[k].x, y: x[k].y, z: CASE WHEN x[k].srid IN [4979, 9157] THEN x[k].z END}
    WHEN valueType(x[k]) STARTS WITH 'LIST<POINT' THEN [v IN x[k] | {srid: v.srid, x: v.x, y: v.y, z: CASE WHEN v.srid IN [4979, 9157] THEN v.z END}]
    WHEN valueType(x[k]) =~ '(STRING|BOOLEAN|FLOAT) NOT NULL|LIST<(STRING|BOOLEAN|FLOAT|NOTHING).*' THEN x[k]
    WHEN valueType(x[k]) STARTS WITH 'LIST' THEN [v IN x[k] | toString(v)]
    ELSE toString(x[k])
  END}] AS props

// Follows a statement that binds x (node or relationship) and row: sets the temporal and point
// properties, which travel as text (and {srid, x, y, z}) and are built here.
FOREACH (p IN row.typed | SET x[p.key] = CASE p.type
  WHEN 'date' THEN date(p.value)
  WHEN 'datetime' THEN datetime(p.value)
  WHEN 'localdatetime' THEN localdatetime(p.value)
  WHEN 'time' THEN time(p.value)
  WHEN 'localtime' THEN localtime(p.value)
  WHEN 'duration' THEN duration(p.value)
  WHEN 'point' THEN point(p.value)
  WHEN 'date[]' THEN [v IN p.value | date(v)]
  WHEN 'datetime[]' THEN [v IN p.value | datetime(v)]
  WHEN 'localdatetime[]' THEN [v IN p.value | localdatetime(v)]
  WHEN 'time[]' THEN [v IN p.value | time(v)]
  WHEN 'localtime[]' THEN [v IN p.value | localtime(v)]
  WHEN 'duration[]' THEN [v IN p.value | duration(v)]
  WHEN 'point[]' THEN [v IN p.value | point(v)]
END)

// Neo4j's own text for temporal values, so "10:00Z" and "10:00:00Z" compare equal; fails on a bad value.
UNWIND $values AS v
WITH v, CASE v.type
  WHEN 'date' THEN toString(date(v.value))
  WHEN 'datetime' THEN toString(datetime(v.value))
  WHEN 'localdatetime' THEN toString(localdatetime(v.value))
  WHEN 'time' THEN toString(time(v.value))
  WHEN 'localtime' THEN toString(localtime(v.value))
  WHEN 'duration' THEN toString(duration(v.value))
END AS text
RETURN v.i AS i, text

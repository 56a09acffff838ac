// When the case c last changed (updated) and when it was first published, and what dates them:
// 'history' when the app recorded it (:Change entries, createdAt, updatedAt), otherwise 'source',
// the date of its newest source (a case loaded from the seed and never changed), or 'year', the
// case's own year. Times come back as datetimes; the app stores them as ISO text or as datetimes.
CALL (c) {
  OPTIONAL MATCH (h:Change)-[:CHANGED]->(c)
  WITH collect(datetime(toString(h.at))) AS changes
  OPTIONAL MATCH (c)-[:REPORTED_IN]->(s:Source)
  WITH changes, max(s.date) AS sourceDate
  WITH changes + [t IN [c.createdAt, c.updatedAt] WHERE t IS NOT NULL | datetime(toString(t))] AS times, sourceDate
  WITH times, sourceDate,
       CASE WHEN sourceDate IS NOT NULL THEN datetime({date: date(sourceDate)})
            WHEN c.year IS NOT NULL THEN datetime({year: c.year, month: 1, day: 1})
       END AS reported
  RETURN coalesce(reduce(m = null, t IN times | CASE WHEN m IS NULL OR t > m THEN t ELSE m END), reported) AS updated,
         coalesce(CASE WHEN c.createdAt IS NULL THEN null ELSE datetime(toString(c.createdAt)) END,
                  reduce(m = null, t IN times | CASE WHEN m IS NULL OR t < m THEN t ELSE m END), reported) AS published,
         CASE WHEN size(times) > 0 THEN 'history'
              WHEN sourceDate IS NOT NULL THEN 'source'
              WHEN c.year IS NOT NULL THEN 'year'
         END AS dated
}

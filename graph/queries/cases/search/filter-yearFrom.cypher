c.year >= $yearFrom

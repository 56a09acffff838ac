c.year <= $yearTo

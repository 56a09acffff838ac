// The newest changes by everyone, for the curation home.
MATCH (c:Change)
RETURN c {.id, .at, .by, .action, .target, .summary, .revertOf} AS change
ORDER BY c.at DESC
LIMIT $limit

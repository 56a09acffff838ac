// Creates one batch of a backup's nodes beside the live graph: labelled only :RestoreStaged, with
// their own labels kept in a property until the switch (promote-staged), so no query of the app,
// index or uniqueness constraint sees them, and with the restore's run id, so only that run's
// copy is ever promoted or removed; set-typed-properties and return-created follow.
UNWIND $rows AS row
CREATE (x:RestoreStaged)
SET x = row.plain, x._atlasRestoreLabels = row.labels, x._atlasRestoreRun = $run

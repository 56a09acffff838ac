// One bounded batch of the switch: a run's staged nodes take their own labels and leave staging.
// They stay :RestorePromoted until the switch is over, so that deleting what the backup replaces
// can be run again (after an interruption, or a write of the app in between) without touching them.
MATCH (x:RestoreStaged)
WHERE x._atlasRestoreRun = $run
WITH x LIMIT $limit
SET x:$(x._atlasRestoreLabels):RestorePromoted
REMOVE x:RestoreStaged, x._atlasRestoreLabels, x._atlasRestoreRun
RETURN count(*) AS n

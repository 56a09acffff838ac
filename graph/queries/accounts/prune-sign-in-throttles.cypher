// Counts whose window has passed mean nothing any more; a bounded batch per call.
MATCH (t:SignInThrottle)
WHERE t.until <= datetime()
WITH t LIMIT 1000
DELETE t

// Pairs a curator said are not duplicates, so the duplicate finder stops suggesting them.
CREATE CONSTRAINT duplicate_dismissal_pair IF NOT EXISTS FOR (d:DuplicateDismissal) REQUIRE d.pair IS UNIQUE;
// The curation home lists the newest changes by everyone.
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);

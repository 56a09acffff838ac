// The change feed: one :GraphChange per committed write of public records, numbered by the feed's counter.
CREATE CONSTRAINT graph_change_seq IF NOT EXISTS FOR (c:GraphChange) REQUIRE c.seq IS UNIQUE;
CREATE CONSTRAINT change_feed_id IF NOT EXISTS FOR (f:ChangeFeed) REQUIRE f.id IS UNIQUE;

// Soft-deleted and merged nodes leave :Entity, so their ids stay reserved through these constraints.
CREATE CONSTRAINT deleted_id IF NOT EXISTS FOR (n:Deleted) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT merged_id IF NOT EXISTS FOR (n:Merged) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;

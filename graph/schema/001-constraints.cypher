// Every node carries :Entity beside its kind label; ids are unique across all kinds.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT pathway_number IF NOT EXISTS FOR (n:Pathway) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT goal_number IF NOT EXISTS FOR (n:Goal) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT target_code IF NOT EXISTS FOR (n:Target) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT schema_migration_id IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.id IS UNIQUE;

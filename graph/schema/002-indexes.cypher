// Lookups by kind-specific id are served by the Entity constraint; these serve filters and sorting.
CREATE INDEX case_year IF NOT EXISTS FOR (n:Case) ON (n.year);
CREATE INDEX case_name IF NOT EXISTS FOR (n:Case) ON (n.name);
CREATE INDEX place_country IF NOT EXISTS FOR (n:Place) ON (n.country);
CREATE INDEX source_date IF NOT EXISTS FOR (n:Source) ON (n.date);
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);

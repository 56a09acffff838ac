// Stores built list cards (JSON text) with the ids of the sources they cite.
UNWIND $cards AS row
MATCH (c:Entity {id: row.id}) WHERE c:Case
SET c.listCard = row.card, c.listCardSources = row.sources
RETURN count(c) AS stored

// The stored list cards of the given cases, in the order of $ids (a case without a card yet has a
// null card, as has one of an older format), and every source their links cite, read once for the page.
UNWIND range(0, size($ids) - 1) AS i
MATCH (c:Entity {id: $ids[i]}) WHERE c:Case
WITH i, c ORDER BY i
WITH collect({id: c.id, card: CASE WHEN c.listCardFormat = $format THEN c.listCard END}) AS cards,
     collect(CASE WHEN c.listCardFormat = $format THEN c.listCardSources END) AS cited
CALL (cited) {
  UNWIND cited AS list
  UNWIND list AS sid
  WITH DISTINCT sid
  MATCH (src:Entity {id: sid}) WHERE src:Source
  RETURN collect(src {.id, .title, .date, .url, .sourceType}) AS sources
}
RETURN cards, sources

CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: 5000})
YIELD node AS c, score
WHERE c:Case
WITH c, score

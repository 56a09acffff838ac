CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $limit * 4})
YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN node {.id, .kind, .name, .number, .code, .country, .year, .summary, .text, .title, .colour} AS node, score
ORDER BY score DESC, node.name
LIMIT $limit

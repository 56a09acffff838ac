MATCH (t:Target {code: $code})-[:BELONGS_TO]->(g:Goal)
RETURN t {
  .id, .code, .text,
  uri: 'http://metadata.un.org/sdg/' + t.code,
  goal: g {.id, .number, .name, .colour}
} AS target

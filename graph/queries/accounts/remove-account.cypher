// The last admin stays, so someone can always manage accounts; the account's tokens go with it.
MATCH (a:Account {id: $id})
OPTIONAL MATCH (other:Account {role: 'admin'}) WHERE other <> a
WITH a, a.role = 'admin' AND count(other) = 0 AS lastAdmin
CALL (a, lastAdmin) {
  WITH a, lastAdmin WHERE NOT lastAdmin
  OPTIONAL MATCH (t:ApiToken)-[:OF_ACCOUNT]->(a)
  DETACH DELETE t
  WITH DISTINCT a
  DETACH DELETE a
}
RETURN lastAdmin

// The last admin keeps the role, so someone can always manage accounts; a changed role ends every
// session of the account, so nobody keeps acting under the old one.
MATCH (a:Account {id: $id})
OPTIONAL MATCH (other:Account {role: 'admin'}) WHERE other <> a
WITH a, a.role = 'admin' AND $role <> 'admin' AND count(other) = 0 AS lastAdmin
CALL (a, lastAdmin) {
  WITH a WHERE NOT lastAdmin AND a.role <> $role
  SET a.role = $role, a.sessions = []
}
RETURN lastAdmin, a {.id, .name, .role} AS account

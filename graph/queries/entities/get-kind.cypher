MATCH (n:Entity {id: $id}) RETURN n.kind AS kind

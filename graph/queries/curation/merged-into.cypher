MATCH (m:Merged {id: $id}) RETURN m.mergedInto AS survivor

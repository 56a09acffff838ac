// Marks a batch of a restore as written, in the batch's own transaction (see get-batch).
CREATE (:RestoreBatch {id: $id, keys: $keys, refs: $refs})

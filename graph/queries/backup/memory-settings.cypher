// What bounds one transaction's memory: the limit per transaction and the pools all transactions
// share (0B means no limit of that kind), and the heap, which bounds them all.
SHOW SETTINGS YIELD name, value
WHERE name IN ['db.memory.transaction.max', 'db.memory.transaction.total.max', 'dbms.memory.transaction.total.max', 'server.memory.heap.max_size']
RETURN name, value

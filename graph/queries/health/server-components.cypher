// The server's version and edition (for the health check).
CALL dbms.components() YIELD versions, edition
RETURN versions[0] AS version, edition

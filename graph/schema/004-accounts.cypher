// Accounts and API tokens are not :Entity, so the public graph, search and exports never see them.
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (a:Account) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT account_name IF NOT EXISTS FOR (a:Account) REQUIRE a.name IS UNIQUE;
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT api_token_prefix IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.prefix IS UNIQUE;
// Sign-in failure counts, keyed by a keyed hash of the name (or of address and name), never the name itself.
CREATE CONSTRAINT sign_in_throttle_key IF NOT EXISTS FOR (t:SignInThrottle) REQUIRE t.key IS UNIQUE;
CREATE INDEX sign_in_throttle_until IF NOT EXISTS FOR (t:SignInThrottle) ON (t.until);

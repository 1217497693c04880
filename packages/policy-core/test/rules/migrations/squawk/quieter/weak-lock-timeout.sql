-- Only ACCESS EXCLUSIVE blocks readers while it waits; building an index CONCURRENTLY takes
-- SHARE UPDATE EXCLUSIVE, which no read or write waits for.
CREATE INDEX CONCURRENTLY ix_users_email ON users (email);  -- squawk: require-lock-timeout

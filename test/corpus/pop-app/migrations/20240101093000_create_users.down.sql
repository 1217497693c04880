DROP TABLE audit;
DROP TABLE orders;
DROP TABLE legacy_sessions;
DROP TABLE users;

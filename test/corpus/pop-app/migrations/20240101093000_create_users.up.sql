CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL);
CREATE TABLE legacy_sessions (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE TABLE audit (id bigint PRIMARY KEY);

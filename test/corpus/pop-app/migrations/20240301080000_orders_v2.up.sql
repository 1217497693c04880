-- Only CockroachDB has a file of its own for this version: PostgreSQL runs this one.
DROP TABLE orders;

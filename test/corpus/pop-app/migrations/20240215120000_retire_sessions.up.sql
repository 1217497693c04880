-- MySQL keeps the old sessions table; PostgreSQL renames it (the .postgres. file).
DROP TABLE legacy_sessions;

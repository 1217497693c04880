SET lock_timeout = '2s';
SET statement_timeout = '60s';
CREATE TABLE notes (title varchar(100));

-- The database the test suite recreates before each run.
CREATE DATABASE music_log_test WITH OWNER = music_log TEMPLATE = template0 ENCODING = 'UTF-8';

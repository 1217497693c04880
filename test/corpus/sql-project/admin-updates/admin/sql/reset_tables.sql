-- Empties every table between test runs; never run on production.
BEGIN;
TRUNCATE TABLE listen_feedback CASCADE;
TRUNCATE TABLE user_setting CASCADE;
TRUNCATE TABLE app_user CASCADE;
DROP TABLE IF EXISTS follow_list;
COMMIT;

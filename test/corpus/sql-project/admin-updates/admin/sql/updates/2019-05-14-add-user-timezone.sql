BEGIN;

ALTER TABLE user_setting ADD COLUMN timezone_name TEXT;

COMMIT;

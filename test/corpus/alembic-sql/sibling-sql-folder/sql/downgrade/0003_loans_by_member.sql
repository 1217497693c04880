ALTER TABLE members DROP COLUMN email;
DROP INDEX loans_member_open_idx;

CREATE INDEX loans_member_open_idx ON loans (member_id) WHERE returned_on IS NULL;
ALTER TABLE members ADD COLUMN email text;

SET lock_timeout = '2s';
SET statement_timeout = '60s';
CREATE TABLE this_table_name_is_far_too_long_for_postgresql_which_cuts_it_at_63_bytes (id int);

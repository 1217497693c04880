-- Development machines only: start again from nothing.
DROP DATABASE IF EXISTS music_log;
DROP DATABASE IF EXISTS music_log_test;

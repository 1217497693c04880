DROP TABLE users_backup;

DROP TABLE crdb_only_stats;

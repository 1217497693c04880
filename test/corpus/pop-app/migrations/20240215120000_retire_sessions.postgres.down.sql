ALTER TABLE legacy_sessions_2024 RENAME TO legacy_sessions;

ALTER TABLE legacy_sessions RENAME TO legacy_sessions_2024;

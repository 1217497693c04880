import { initMigrationParsers } from '@slipway/policy-core';

// Every test file runs as a host of policy-core: hosts load the migration parsers (Python and
// PostgreSQL, both loaded on demand) before any migration is checked, as the CLI and the
// language server do for themselves.
await initMigrationParsers();

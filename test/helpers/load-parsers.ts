import { expect } from 'vitest';

// Every test file runs as a host of policy-core: hosts load the migration parsers (Python and
// PostgreSQL, both loaded on demand) before any migration is checked, as the CLI and the
// language server do for themselves. A test of policy-core itself uses its sources, every other
// test its bundle (vitest.config.ts): the parsers of the copy the file uses.
const own = expect.getState().testPath?.includes('/packages/policy-core/') === true;
const core = own
  ? await import('../../packages/policy-core/src/index.js')
  : await import('@slipway/policy-core');
await core.initMigrationParsers();

import { expect } from 'vitest';
import { usesPolicyCoreSources } from './policy-core-sources.js';

// Every test file runs as a host of policy-core: hosts load the migration parsers (Python and
// PostgreSQL, both loaded on demand) before any migration is checked, as the CLI and the
// language server do for themselves. A test of policy-core itself uses its sources, every other
// test its bundle (vitest.config.ts): the parsers of the copy the file uses.
const core = usesPolicyCoreSources(expect.getState().testPath)
  ? await import('../../packages/policy-core/src/index.js')
  : await import('@slipway/policy-core');
await core.initMigrationParsers();

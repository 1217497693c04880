import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `pnpm mutate`'s arguments, as a person types them: a bad one is one line and exit 2, before
 * any Stryker run starts (a run is minutes to hours; a typo must not cost one).
 */
const script = join(import.meta.dirname, '../../scripts/mutate.mjs');
const mutate = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('pnpm mutate: its arguments', () => {
  it.each([
    ['0', 'pnpm mutate: --concurrency takes a whole number of test runners (1 to 999), not "0"'],
    ['two', 'pnpm mutate: --concurrency takes a whole number of test runners (1 to 999), not "two"'],
    ['-1', 'pnpm mutate: --concurrency takes a whole number of test runners (1 to 999), not "-1"'],
  ])('--concurrency %s is refused in one line', (value, line) => {
    const r = mutate('--concurrency', value, '--status');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([line]);
  });

  it('--concurrency without a value is refused', () => {
    const r = mutate('--concurrency');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('pnpm mutate: --concurrency needs a value');
  });

  it('near miss: a number is taken (with --status nothing runs, and the scores are listed)', () => {
    const r = mutate('--concurrency', '1', '--status', 'packages/policy-core/src/suppressions');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('packages/policy-core/src/suppressions');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeNpmPair, npmFixture } from './helpers.js';

/**
 * pnpm 11.13 and later read an override with an empty range, `"ms@": "2.0.0"`, as a convergence
 * override: it rewrites only the dependency edges whose declared range 2.0.0 satisfies (pnpm's
 * 5b8b1017, config/parse-overrides `markConvergeOverride`). Slipway read `ms@` as an override of
 * every ms, so DEP012 judged util's `ms: ^2.1.0` against 2.0.0, which pnpm never asked of it.
 * The locks are pnpm's own (fixtures/npm/SOURCES.md): pnpm 11.22.0 keeps util's ms at 2.1.2;
 * pnpm 11.12.0, before convergence, installs 2.0.0 for it.
 */
type Files = Record<string, string>;
const BASE = npmFixture('pnpm11-overrides');
const relock = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../requirements/fixtures/npm/pnpm11-relocks', name), 'utf8');
const converging = (pnpm: string, lock: string): Files => ({
  ...BASE,
  'package.json': (BASE['package.json'] as string).replace('pnpm@11.22.0', pnpm),
  'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n\noverrides:\n  "ms@": 2.0.0\n',
  'pnpm-lock.yaml': relock(lock),
});
const dep012 = (files: Files) => judgeNpmPair(files, 'pnpm-lock.yaml').filter((f) => f.startsWith('DEP012'));

describe('DEP012: convergence overrides ("pkg@": exact version)', () => {
  it('under pnpm 11.22, `"ms@": 2.0.0` leaves `ms: ^2.1.0` alone, as the lock pnpm wrote does: no DEP012', () => {
    expect(dep012(converging('pnpm@11.22.0', 'convergence-ms.yaml'))).toEqual([]);
  });

  it('near miss: pnpm 11.12 applies it to every ms, and that lock follows it: no DEP012', () => {
    expect(dep012(converging('pnpm@11.12.0', 'convergence-ms-pnpm-11.12.yaml'))).toEqual([]);
  });

  it("near miss: pnpm 11.12 named beside 11.22's lock, which keeps ms 2.1.2: DEP012", () => {
    expect(dep012(converging('pnpm@11.12.0', 'convergence-ms.yaml'))).toEqual([
      'DEP012 packages/util/package.json:5 ms',
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, changeFrom, judgeNpmPair, npmFixture } from './helpers.js';
import { pnpmFrozenInstall } from './pnpm-oracle.js';

/**
 * pnpm-lock.yaml records the overrides it was written under as its top-level `overrides:`, and
 * `pnpm install --frozen-lockfile` refuses a lock whose map is not the one pnpm reads now
 * (ERR_PNPM_LOCKFILE_CONFIG_MISMATCH), whatever else the lock holds. DEP013 took any edit of the
 * lock as the relock; now, on a pnpm pair, the edited lock's `overrides:` must also be that map,
 * as pnpm writes it (`catalog:` and `$name` resolved). The locks are pnpm's own
 * (fixtures/npm/SOURCES.md): pnpm11-overrides/ is pnpm 11.22.0's for `overrides: { ms: 2.1.2 }` in
 * pnpm-workspace.yaml; pnpm11-relocks/ holds what pnpm 11.22.0, and pnpm 10.34.9, wrote after
 * the edits below. pnpm 11.22.0 refused each lock a trigger here flags and accepted each near miss.
 */
type Files = Record<string, string>;
const BASE = npmFixture('pnpm11-overrides');
const WS = 'pnpm-workspace.yaml';
const LOCK = 'pnpm-lock.yaml';
const relock = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../requirements/fixtures/npm/pnpm11-relocks', name), 'utf8');

const edit = (files: Files, path: string, from: string, to: string): Files => {
  const text = files[path] as string;
  if (!text.includes(from)) throw new Error(`${path}: no ${from}`);
  return { ...files, [path]: text.replace(from, to) };
};
const dep013 = (head: Files) => judgeNpmPair(head, LOCK, BASE).filter((f) => f.startsWith('DEP013'));
const message = (head: Files) =>
  check(
    { ...head, 'slipway.yaml': `version: 1\ndependencies:\n  requirements: package.json\n  lock: ${LOCK}\n` },
    { change: changeFrom(head, BASE) },
  ).findings.find((f) => f.rule === 'DEP013')?.message;

/** The workspace override moved from 2.1.2 to 2.1.1. */
const MOVED = edit(BASE, WS, 'ms: 2.1.2', 'ms: 2.1.1');

describe('DEP013: a pnpm lock edited with the overrides, whose `overrides:` does not follow', () => {
  it('the lock pnpm relocked, its `overrides:` put back by hand: DEP013 on the override', () => {
    const lock = relock('override-ms-2.1.1.yaml').replace(
      'overrides:\n  ms: 2.1.1',
      'overrides:\n  ms: 2.1.2',
    );
    const head = { ...MOVED, [LOCK]: lock };
    expect(dep013(head)).toEqual([`DEP013 ${WS}:4 overrides:`]);
    expect(message(head)).toContain(
      "pnpm-lock.yaml's `overrides:` records `ms: 2.1.2` where pnpm now reads `ms: 2.1.1` (from pnpm-workspace.yaml)",
    );
  });

  it("a lock pnpm 10 wrote from package.json's `pnpm.overrides`, which pnpm 11 does not read: DEP013", async () => {
    let head = edit(BASE, WS, '\noverrides:\n  ms: 2.1.2\n', '');
    head = edit(
      head,
      'package.json',
      '  }\n}',
      '  },\n  "pnpm": {\n    "overrides": {\n      "semver": "7.5.0"\n    }\n  }\n}',
    );
    head = { ...head, [LOCK]: relock('pnpm10-root-overrides.yaml') };
    expect(dep013(head)).toEqual([`DEP013 ${WS}:2 overrides:`]);
    expect(message(head)).toContain('`overrides:` still records `semver: 7.5.0`, which pnpm no longer reads');
    // The same files without `packageManager: pnpm@11` are pnpm 10's to read, and its frozen install accepts them.
    const pnpm10 = edit(head, 'package.json', '  "packageManager": "pnpm@11.22.0",\n', '');
    expect(dep013(pnpm10)).toEqual([]);
    expect(await pnpmFrozenInstall(pnpm10)).toBe('ok');
  }, 60_000);

  it('near miss: the lock pnpm 11 wrote for the moved override: no DEP013', () => {
    expect(dep013({ ...MOVED, [LOCK]: relock('override-ms-2.1.1.yaml') })).toEqual([]);
  });

  it('near miss: `catalog:` and `$name` overrides, compared as pnpm resolves them', () => {
    const ws =
      'packages:\n  - "packages/*"\n\ncatalog:\n  ms: 2.1.2\n\noverrides:\n  ms: "catalog:"\n  is-number: $is-number\n';
    const head = { ...BASE, [WS]: ws, [LOCK]: relock('override-catalog-and-ref.yaml') };
    expect(dep013(head)).toEqual([]);
  });

  it('near miss: the lock left as it was is DEP013 as before, said as the untouched lock', () => {
    expect(dep013(MOVED)).toEqual([`DEP013 ${WS}:5 pnpm install`]);
  });
});

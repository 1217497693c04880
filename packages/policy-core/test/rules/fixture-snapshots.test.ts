import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILY_DIRS, type Finding, initSqlParser, RULES } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from '../node/git-fixture.js';
import { FIXTURE_CASE_EXPECTED, runFixtureCase } from './fixture-case.js';

/**
 * Every rule's fixture cases, one convention (as ruff's and insta's snapshots): a case is a small
 * repository under `test/rules/<family>/fixtures/<RULE>/<case>/`, and its `expected.txt` holds
 * every finding the whole engine reports on it, `file:line:column RULE message`, one a line, in
 * the engine's order. A case named `trigger*` must draw its rule at least once, a `near-miss*`
 * never. `pnpm exec vitest run packages/policy-core/test/rules/fixture-snapshots.test.ts -u`
 * writes the snapshots after a deliberate change (review the diff); a case without one fails
 * unless the run was asked to update, so a new case cannot pass unseen.
 */
const TEST_RULES = import.meta.dirname;
const FAMILY_OF = new Map(RULES.map((r) => [r.id, r.family]));

beforeAll(async () => {
  await initSqlParser();
});
// The real repositories of cases with a history (history.json).
afterAll(cleanup);

/** One finding as its snapshot line: 1-based line and column, as an editor shows them. */
function snapshotLine(f: Finding): string {
  return `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message}`;
}

/** Whether this run writes snapshots (`vitest -u`): only then may a case lack its file. */
function updating(): boolean {
  const state = expect.getState().snapshotState as unknown as { _updateSnapshot?: string } | undefined;
  return state?._updateSnapshot === 'all';
}

describe('rule fixtures', () => {
  for (const rule of RULES) {
    const dir = join(TEST_RULES, FAMILY_DIRS[rule.family], 'fixtures', rule.id);
    const cases = existsSync(dir) ? readdirSync(dir).sort() : [];
    const complete =
      cases.some((c) => c.startsWith('trigger')) && cases.some((c) => c.startsWith('near-miss'));
    // A rule without cases says which tests cover it instead (`withoutFixtures`), only while it lacks them.
    if (rule.withoutFixtures === undefined)
      it(`${rule.id} has a case that triggers it and a near miss that does not`, () => {
        expect(
          cases.filter((c) => c.startsWith('trigger')),
          `${dir}/trigger*`,
        ).not.toEqual([]);
        expect(
          cases.filter((c) => c.startsWith('near-miss')),
          `${dir}/near-miss*`,
        ).not.toEqual([]);
      });
    else
      it(`${rule.id} says it lacks fixtures only while it lacks them`, () => {
        expect(complete, `${rule.id}: drop its withoutFixtures`).toBe(false);
      });
    for (const name of cases)
      it(`${rule.id}/${name}`, async () => {
        const caseDir = join(dir, name);
        const findings = runFixtureCase(caseDir, rule.family);
        const own = findings.filter((f) => f.rule === rule.id);
        if (name.startsWith('trigger')) expect(own.length, `${rule.id} on ${name}`).toBeGreaterThan(0);
        if (name.startsWith('near-miss')) expect(own.map(snapshotLine)).toEqual([]);
        // A message that offers a suppression comment offers one for its own rule: a rule written
        // from a copy of another must not tell people to allow the other one. (The SUP rules judge
        // another rule's suppression, and name that rule.)
        for (const f of findings.filter((f) => FAMILY_OF.get(f.rule) !== 'SUP'))
          for (const [, offered] of f.message.matchAll(/slipway: allow ([A-Z]+\d{3})/g))
            expect(offered, snapshotLine(f)).toBe(f.rule);
        const snapshot = join(caseDir, FIXTURE_CASE_EXPECTED);
        if (!updating())
          expect(existsSync(snapshot), `${snapshot} is missing: run vitest with -u and review it`).toBe(true);
        await expect(
          findings.map(snapshotLine).join('\n') + (findings.length > 0 ? '\n' : ''),
        ).toMatchFileSnapshot(snapshot);
      });
  }
});

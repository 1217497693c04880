import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEMBIC_CASES } from './attack-corpus-alembic.js';
import { DEPLOY_CASES } from './attack-corpus-deploy.js';
import { GIT_CASES } from './attack-corpus-git.js';
import { type AttackCase, Corpus, type Verdict } from './attack-corpus-harness.js';
import { IDENTITY_CASES } from './attack-corpus-identity.js';
import { RUNNER_CASES, SWAP_CASES } from './attack-corpus-sql.js';

/**
 * Issue 48's attack corpus: small pull requests, each an attack on one documented promise or
 * its near miss, grouped by the issue's six categories, all run as CI runs them (one real
 * repository, a branch per case against main, the base's policy governing, a pull_request event
 * file; see attack-corpus-harness.ts). An attack must fail the check (exit 1) with an error
 * finding naming what it broke or could not follow; a near miss must pass (exit 0, no error
 * finding); neither may crash (nothing on stderr). One file so that the corpus is one repository
 * and one batch of checks: its cost is one fast-import and the checks themselves.
 */

const CATEGORIES: [string, AttackCase[]][] = [
  ['1. Alembic revisions in ordinary Python shapes', ALEMBIC_CASES],
  ['2. exemptions that trust a statement’s shape', SWAP_CASES],
  ['3. what the runner really executes', RUNNER_CASES],
  ['4. deploy state a pull request asserts for itself', DEPLOY_CASES],
  ['5. git’s answers steered by files in the change', GIT_CASES],
  ['6. identity and policy surface', IDENTITY_CASES],
];

const ALL = CATEGORIES.flatMap(([, cases]) => cases);
const corpus = new Corpus();
let verdicts = new Map<number, Verdict>();

// Every case's check runs here, a few side by side, before the tests read their verdicts: a bound
// for a hung run (a loaded 2-core machine took 265 s), not a speed target.
beforeAll(async () => {
  await corpus.build(ALL);
  verdicts = await corpus.checkAll(ALL);
}, 600_000);
afterAll(() => corpus.dispose());

const show = (v: Verdict) =>
  v.findings.map((f) => `${f.rule} ${f.severity} ${f.file}: ${f.message.slice(0, 160)}`).join('\n') || 'none';

describe('the attack corpus (issue 48)', () => {
  it('holds at least 100 cases, an attack and a near miss in every category', () => {
    const counts = CATEGORIES.map(([name, cases]) => {
      const attacks = cases.filter((c) => c.expect !== 'pass').length;
      return { name, attacks, nearMisses: cases.length - attacks };
    });
    console.log(
      `attack corpus: ${ALL.length} cases\n${counts.map((c) => `  ${c.name}: ${c.attacks} attacks, ${c.nearMisses} near misses`).join('\n')}`,
    );
    expect(ALL.length).toBeGreaterThanOrEqual(100);
    for (const c of counts) expect(c.attacks * c.nearMisses, c.name).toBeGreaterThan(0);
  });

  let n = 0;
  for (const [category, cases] of CATEGORIES) {
    describe(category, () => {
      for (const c of cases) {
        const index = n++;
        const expected = c.expect;
        if (expected === 'pass')
          it(`near miss: ${c.name}`, () => {
            const v = verdicts.get(index);
            expect(v?.stderr, 'stderr').toBe('');
            expect(v?.findings.filter((f) => f.severity === 'error') ?? ['not run'], v && show(v)).toEqual(
              [],
            );
            expect(v?.code).toBe(0);
            if (c.silentOn) expect(v?.findings.filter((f) => f.file === c.silentOn)).toEqual([]);
          });
        else
          it(`attack: ${c.name}`, () => {
            const v = verdicts.get(index);
            expect(v?.stderr, 'stderr').toBe('');
            const hit = v?.findings.find(
              (f) =>
                f.rule === expected.rule &&
                f.severity === 'error' &&
                (expected.file === undefined || f.file === expected.file) &&
                (expected.says === undefined || expected.says.test(f.message)),
            );
            expect(hit, v && show(v)).toBeDefined();
            expect(v?.code).toBe(1);
          });
      }
    });
  }
});

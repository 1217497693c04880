import type { CaseOutcome } from './run-case.js';
import type { PolicyTestCase } from './types.js';

/**
 * A shared base policy's own test cases, run in every repository that extends it: what the
 * organisation wrote down that its policy must block. They live beside the base, the base's name
 * with `.tests.yaml` (`slipway-base.yaml` → `slipway-base.tests.yaml`), in the same repository,
 * commit or package, read through the same verified reader as the base itself.
 */
export function testsBesidePolicy(path: string): string {
  return `${path.replace(/\.(ya?ml|toml)$/, '')}.tests.yaml`;
}

/** A base's case as this repository runs it: its name says which base it is from. */
export function fromBase(c: PolicyTestCase, base: string): PolicyTestCase {
  return { ...c, name: `${c.name} (from the base ${base})` };
}

/**
 * A base's case judged in a repository that extends the base, which may tighten the policy but
 * never loosen it: every finding the case expects must still be reported and a change the base
 * blocks must still be blocked. Findings the repository adds, or a block where the base lets a
 * change through, are its tightening and do not fail the case; the diff still shows them.
 */
export function judgedAsBaseCase(o: CaseOutcome): CaseOutcome {
  const loosened = o.exit?.expected === 1 && o.exit.got === 0;
  const broken = o.got.exit === 2 && o.case.expect.exit !== 2;
  return { ...o, passed: o.error === undefined && o.missing.length === 0 && !loosened && !broken };
}

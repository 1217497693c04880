import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILY_DIRS } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CASE_EXPECTED } from './fixture-case.js';

/**
 * No rule fixture's snapshot may hold a finding about the fixture's own set-up (issue 54): a
 * policy that names a migration folder or a path the case does not have (POL002), a rule or a
 * setting that does not exist (POL003), or that does not parse as a policy (POL001). Such a line
 * was accepted with the rest of a snapshot 68 times ("`alembic/versions` … does not exist, so no
 * migration check runs"), and a broken set-up can hide what the case is about. A case gets a
 * policy that fits its layout (its own `slipway.yaml`, or fixture-case.ts's default for its
 * layout); only the cases below, which test exactly that finding, may show one.
 */
const SETUP_RULES = /^\S+:\d+:\d+ (POL001|POL002|POL003) /;

/** Cases whose set-up finding is what they test: `<family dir>/<RULE>/<case>` and why. */
const ALLOWED: Record<string, string> = {
  'policy/POL002/trigger': "POL002's own trigger: a protected path renamed away (authz/ for auth/)",
  'policy/POL003/trigger': "POL003's own trigger: a rule id misspelt under rules:",
  'policy/POL003/trigger-severity': "POL003's own trigger: a severity that is not one",
  'policy/POL003/trigger-no-close-id': "POL003's own trigger: a rule id like none, with no suggestion",
  'policy/POL003/trigger-waiver-unknown-rule': "POL003's own trigger: a policy waiver naming no rule",
  'policy/POL003/trigger-waiver-of-policy-rule':
    "POL003's own trigger: a policy waiver of a POL and a SUP rule",
};

const TEST_RULES = import.meta.dirname;

/** Every snapshot's set-up lines, by case (one pass over the files). */
function setupLinesByCase(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const familyDir of new Set(Object.values(FAMILY_DIRS))) {
    const fixtures = join(TEST_RULES, familyDir, 'fixtures');
    if (!existsSync(fixtures)) continue;
    for (const rule of readdirSync(fixtures))
      for (const name of readdirSync(join(fixtures, rule))) {
        const snapshot = join(fixtures, rule, name, FIXTURE_CASE_EXPECTED);
        if (!existsSync(snapshot)) continue;
        const lines = readFileSync(snapshot, 'utf8')
          .split('\n')
          .filter((l) => SETUP_RULES.test(l));
        out.set(`${familyDir}/${rule}/${name}`, lines);
      }
  }
  return out;
}

describe('rule fixture snapshots', () => {
  const byCase = setupLinesByCase();

  it('read every snapshot (the walk finds the fixtures)', () => {
    expect(byCase.size).toBeGreaterThan(400);
  });

  it('hold no finding about the fixture set-up, outside the cases that test it', () => {
    const offending = [...byCase]
      .filter(([id, lines]) => lines.length > 0 && !(id in ALLOWED))
      .map(([id, lines]) => `${id}: ${lines.join(' | ')}`);
    expect(offending, 'give the case a policy that fits its layout, then vitest -u its snapshot').toEqual([]);
  });

  // An allowed case that no longer shows its finding, or is gone, leaves the list; and the
  // pattern must find what it is there to find.
  it.each(Object.keys(ALLOWED))('%s still shows the set-up finding it tests', (id) => {
    expect(byCase.get(id)?.length ?? 0).toBeGreaterThan(0);
  });
});

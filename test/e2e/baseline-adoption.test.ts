import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { json, repoFactory } from './e2e-helpers.js';

/**
 * The pull request that adopts Slipway, through the built CLI: its base has no policy, so the
 * policy and the baseline it brings judge it (a change never accepts its own findings otherwise:
 * baseline.test.ts).
 */
const BASELINE = '.slipway/baseline.json';
const repo = repoFactory();
const check = (dir: string, ...args: string[]) =>
  slipway(['check', '--format', 'json', ...args], { cwd: dir });
const rulesAt = (r: ReturnType<typeof json>) => r.findings.map((f) => `${f.rule} ${f.file}:${f.line}`);

const ADOPTED_POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [requirements.txt]
migrations:
  sql: ["db/migrations/*.sql"]
dependencies:
  - requirements: requirements.in
    lock: requirements.txt
    mode: superset
`;

describe('the change that adopts Slipway is judged with the baseline it brings', () => {
  // The base has no policy (nothing governs it yet): the pull request bringing slipway.yaml and
  // the baseline is judged by both, and a finding years old in a file it does not touch (DEP007,
  // a duplicate line of a requirements file) is accepted as the baseline says. Made once.
  let adoption: TempRepo | undefined;
  function adoptionBranch(): TempRepo {
    adoption ??= (() => {
      const r = repo({
        'requirements.in': 'requests\nflask\nrequests\n',
        'requirements.txt': 'requests==2.31.0\nflask==3.0.0\nrequests==2.31.0\n',
        'db/migrations/0000_init.sql': "SET lock_timeout = '5s';\nCREATE TABLE orders (id int);\n",
      });
      r.commit('years of history, no policy');
      r.git('checkout', '-q', '-b', 'adopt-slipway');
      r.write({ 'slipway.yaml': ADOPTED_POLICY });
      expect(slipway(['baseline'], { cwd: r.dir }).code).toBe(0);
      r.commit('adopt slipway');
      return r;
    })();
    return repo({}, adoption);
  }

  it('passes with the findings its baseline accepts, and says where the baseline was read', () => {
    const r = adoptionBranch();
    const out = check(r.dir, '--base', 'main');
    expect(out.code, out.stdout).toBe(0);
    // stderr holds the first-adoption notice (asserted below), so the report is read as it is.
    const report = JSON.parse(out.stdout) as ReturnType<typeof json>;
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const accepted = JSON.parse(readFileSync(join(r.dir, BASELINE), 'utf8')).findings.length;
    expect(accepted).toBeGreaterThanOrEqual(2); // the two DEP007, and the ranges of requirements.in
    expect(report.scope?.baseline).toEqual({ file: BASELINE, from: 'head', baselined: accepted, stale: 0 });
    expect(out.stderr).toContain('first adoption: the base');
    const text = slipway(['check', '--base', 'main'], { cwd: r.dir });
    expect(text.stdout).toContain(
      `${accepted} baselined findings not judged (accepted in .slipway/baseline.json as this change brings it, with the policy it adopts)`,
    );
  });

  it('near miss: a finding the adoption adds that its baseline does not hold is still reported', () => {
    const r = adoptionBranch();
    r.write({ 'db/migrations/0001_drop.sql': "SET lock_timeout = '5s';\nDROP TABLE orders;\n" });
    r.commit('and a migration');
    const out = check(r.dir, '--base', 'main');
    expect(out.code).toBe(1);
    expect(rulesAt(JSON.parse(out.stdout))).toContain('MIG001 db/migrations/0001_drop.sql:2');
  });

  it('near miss: once the policy is on the base, a change reads the baseline there again', () => {
    const r = adoptionBranch();
    r.git('checkout', '-q', 'main');
    r.git('merge', '-q', '--ff-only', 'adopt-slipway');
    r.git('checkout', '-q', '-b', 'feature/next');
    r.write({ 'docs.md': 'notes\n' });
    r.commit('notes');
    expect(json(check(r.dir, '--base', 'main')).scope?.baseline?.from).toBe('base');
  });
});

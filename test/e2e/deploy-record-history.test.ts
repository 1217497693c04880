import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { json, repoFactory } from './e2e-helpers.js';

/**
 * REC004–REC006 through `slipway check` on real histories: CI clones, merges, renames,
 * cherry-picks, squashes and tags, as the guard meets them.
 */

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const POLICY = `version: 1\nproduction_branch: main\ndeploy:\n  record: ${RECORD}\n`;
const TRAILER = 'Slipway-Event: PROMOTE production x';

const repo = repoFactory();

const recordFor = (sha: string, at = '2026-01-09T10:00:00Z') =>
  `${JSON.stringify({ last_good_sha: sha, deployed_at: at }, null, 2)}\n`;

/** A repository whose main has the record, committed as promote --commit does. Returns BEFORE. */
function withRecord(): { r: TempRepo; before: string } {
  const r = repo({ 'slipway.yaml': POLICY, 'app.py': 'v1\n' });
  const first = r.commit('init');
  r.write({ [RECORD]: recordFor(first) });
  const before = r.commit(`promote\n\n${TRAILER}`);
  return { r, before };
}

function recFindings(cwd: string, ...range: string[]) {
  const out = slipway(['check', ...range, '--rule', 'REC', '--format', 'json'], { cwd });
  return json(out).findings.map((f) => ({ rule: f.rule, message: f.message }));
}

describe('REC005 in a CI checkout', () => {
  it('passes when the clone has origin/main but no local main (pull_request, fetch-depth 0)', () => {
    const { r } = withRecord();
    r.git('checkout', '-q', '-b', 'feature');
    r.write({ 'feature.txt': 'f\n' });
    r.commit('feature');
    r.git('checkout', '-q', 'main');
    const ci = join(r.dir, 'ci-clone');
    r.git('clone', '-q', r.dir, ci);
    const inCi = (...args: string[]) =>
      execFileSync('git', args, { cwd: ci, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    inCi('checkout', '-q', '--detach', 'origin/feature');
    inCi('branch', '-q', '-D', 'main');
    expect(recFindings(ci, '--base', 'origin/main')).toEqual([]);
  });
});

describe('REC006 on histories with merges', () => {
  it('does not blame a merge that brought in unrelated work (the push guard, base = before)', () => {
    const { r, before } = withRecord();
    r.git('checkout', '-q', '-b', 'pr');
    r.write({ 'docs.txt': 'd\n' });
    r.commit('docs');
    r.git('checkout', '-q', 'main');
    r.git('merge', '-q', '--no-ff', '--no-edit', 'pr');
    r.write({ [RECORD]: recordFor(r.git('rev-parse', 'HEAD').trim(), '2026-01-09T11:00:00Z') });
    r.commit(`promote\n\n${TRAILER}`);
    expect(recFindings(r.dir, '--base', before, '--head', 'main')).toEqual([]);
  });

  it('blames the hand edit a merge brought in, not the merge', () => {
    const { r, before } = withRecord();
    r.git('checkout', '-q', '-b', 'pr');
    r.write({ [RECORD]: recordFor(before, '2026-01-09T12:00:00Z') });
    const hand = r.commit('point production elsewhere');
    r.git('checkout', '-q', 'main');
    r.write({ 'other.txt': 'o\n' });
    r.commit('other work');
    r.git('merge', '-q', '--no-ff', '--no-edit', 'pr');
    const found = recFindings(r.dir, '--base', before, '--head', 'main');
    expect(found.map((f) => f.message.slice(0, 19))).toEqual([`Commit ${hand.slice(0, 12)}`]);
  });

  it('blames an evil merge: the record in the merge matches neither parent', () => {
    const { r, before } = withRecord();
    r.git('checkout', '-q', '-b', 'pr');
    r.write({ 'docs.txt': 'd\n' });
    r.commit('docs');
    r.git('checkout', '-q', 'main');
    r.write({ 'other.txt': 'o\n' });
    r.commit('other work');
    r.git('merge', '-q', '--no-ff', '--no-commit', 'pr');
    r.write({ [RECORD]: recordFor(before, '2026-01-09T12:00:00Z') });
    const merge = r.commit("Merge branch 'pr'");
    const found = recFindings(r.dir, '--base', before, '--head', 'main');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(
      `Commit ${merge.slice(0, 12)} ("Merge branch 'pr'") changes the deploy record in the merge itself`,
    );
  });
});

describe('REC006: renames, deletions, cherry-picks and squashes', () => {
  it('git mv of the record away is the same REC006 as deleting it', () => {
    const { r, before } = withRecord();
    r.git('mv', RECORD, 'x.bak');
    const moved = r.commit('keep a backup');
    const found = recFindings(r.dir, '--base', before);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(
      new RegExp(
        `^Commit ${moved.slice(0, 12)} \\("keep a backup"\\) deletes the deploy record .*drops its pin`,
      ),
    );
  });

  it('names the commit that deleted the record, and the hand edit before it as a change', () => {
    const { r, before } = withRecord();
    r.write({ [RECORD]: recordFor(before, '2026-01-09T12:00:00Z') });
    const a = r.commit('hand edit A');
    r.git('rm', '-q', RECORD);
    const b = r.commit('delete B');
    const found = recFindings(r.dir, '--base', before).map((f) => f.message.replace(/ without.*/, ''));
    expect(found.sort()).toEqual(
      [
        `Commit ${a.slice(0, 12)} ("hand edit A") changes the deploy record ${RECORD}`,
        `Commit ${b.slice(0, 12)} ("delete B") deletes the deploy record ${RECORD}`,
      ].sort(),
    );
  });

  it('accepts a Slipway commit cherry-picked with -x', () => {
    const { r, before } = withRecord();
    r.git('checkout', '-q', '-b', 'release');
    r.write({ [RECORD]: recordFor(before, '2026-01-09T12:00:00Z') });
    const promote = r.commit(`promote\n\n${TRAILER}`);
    r.git('checkout', '-q', 'main');
    r.write({ 'other.txt': 'o\n' });
    const base = r.commit('other work');
    r.git('cherry-pick', '-x', promote);
    expect(r.git('log', '-1', '--format=%B')).toContain(`${TRAILER}\n(cherry picked from commit ${promote})`);
    expect(recFindings(r.dir, '--base', base)).toEqual([]);
  });

  it('flags a commit with the trailer that also changes code', () => {
    const { r, before } = withRecord();
    r.write({ [RECORD]: recordFor(before, '2026-01-09T12:00:00Z'), 'app.py': 'v2\n' });
    r.commit(`squash\n\n${TRAILER}`);
    const found = recFindings(r.dir, '--base', before);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('this one also changes app.py');
  });
});

describe('REC004: an annotated tag in the record', () => {
  it('names the commit it tags, and check --fix writes that commit', () => {
    const r = repo({ 'slipway.yaml': POLICY, 'app.py': 'v1\n' });
    const release = r.commit('release');
    r.git('tag', '-a', 'v1', '-m', 'v1');
    const tagObject = r.git('rev-parse', 'v1').trim();
    r.write({ [RECORD]: recordFor(tagObject) });
    r.commit(`promote\n\n${TRAILER}`);
    // On main itself there is no change to judge: the record is checked in the tree.
    const found = recFindings(r.dir, '--tree');
    expect(found).toEqual([
      {
        rule: 'REC004',
        message: expect.stringContaining(`names a tag object, not a commit; use ${release}`),
      },
    ]);
    const fixed = slipway(['check', '--tree', '--rule', 'REC', '--fix'], { cwd: r.dir });
    expect(fixed.code).toBe(0);
    expect(JSON.parse(readFileSync(join(r.dir, RECORD), 'utf8')).last_good_sha).toBe(release);
  });
});

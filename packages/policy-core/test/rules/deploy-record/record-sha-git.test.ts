import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { applyFixes, MemoryRepo, parsePolicyText } from '@slipway/policy-core';
import { RepoGitFacts } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { deployRecordFamily } from '../../../src/rules/families.js';
import { cleanup, commit, git, initRepo, tempDir } from '../../node/git-fixture.js';

/** REC004 and REC005 against real repositories: tags, and clones without a local production branch. */

afterAll(cleanup);

const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const recordFor = (sha: string) => `{"last_good_sha": "${sha}", "deployed_at": "2026-01-09T10:00:00Z"}`;

function check(dir: string, sha: string, deployExtra = '', record = recordFor(sha)) {
  const parsed = parsePolicyText(
    `version: 1\nproduction_branch: main\ndeploy:\n  record: ${REC}\n${deployExtra}`,
  );
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  const repo = new MemoryRepo({ [REC]: record }, new RepoGitFacts(dir));
  const now = new Date('2026-01-10T12:00:00Z');
  return deployRecordFamily.check({ policy: parsed.document, repo, now, env: {} }).findings;
}

describe('REC004: an annotated tag object is not a commit', () => {
  const dir = initRepo();
  const tagged = commit(dir, { 'a.txt': '1' }, 'release');
  git(dir, ['tag', '-a', 'v1', '-m', 'v1']);
  git(dir, ['tag', 'light']);
  const tagObject = git(dir, ['rev-parse', 'v1']).trim();

  it('names the tag, the commit to use, and offers the fix that writes it', () => {
    expect(tagObject).not.toBe(tagged);
    const found = check(dir, tagObject);
    expect(found.map((f) => f.rule)).toEqual(['REC004']);
    const [f] = found;
    expect(f?.message).toBe(
      `\`last_good_sha\` ${tagObject.slice(0, 12)} names a tag object, not a commit; use ${tagged}, the commit it tags.`,
    );
    expect(f?.fixes?.map((x) => x.title)).toEqual([`Use the tagged commit ${tagged.slice(0, 12)}`]);
    const edits = f?.fixes?.[0]?.edits ?? [];
    expect(edits.every((e) => e.file === REC)).toBe(true);
    expect(applyFixes(recordFor(tagObject), edits)).toBe(recordFor(tagged));
  });

  it("names the tag's place in the record's history by its dotted path", () => {
    const history = `"history": [{"event": "PROMOTE", "sha": "${tagObject}", "deployed_at": "2026-01-08T10:00:00Z"}]`;
    const text = `{"last_good_sha": "${tagged}", "deployed_at": "2026-01-09T10:00:00Z", ${history}}`;
    const found = check(dir, tagged, '', text);
    expect(found.map((x) => x.message.slice(0, 47))).toEqual([
      `\`history.0.sha\` ${tagObject.slice(0, 12)} names a tag object`,
    ]);
  });

  it('near miss: the commit itself (what a lightweight tag resolves to) passes', () => {
    expect(git(dir, ['rev-parse', 'light']).trim()).toBe(tagged);
    expect(check(dir, tagged)).toEqual([]);
  });

  it('learns the tag from the same single batch as every other SHA', () => {
    const facts = new RepoGitFacts(dir);
    facts.primeCommits([tagged, tagObject]);
    const gone = `${dir}-moved`;
    renameSync(dir, gone);
    try {
      expect([facts.commitExists(tagObject), facts.peelTag(tagObject), facts.commitExists(tagged)]).toEqual([
        false,
        tagged,
        true,
      ]);
    } finally {
      renameSync(gone, dir);
    }
  });
});

describe('REC005: the production branch as this clone has it', () => {
  /** An upstream whose main holds `onMain`, and a CI-style clone detached at origin/feature. */
  function ciClone() {
    const up = initRepo();
    const onMain = commit(up, { 'a.txt': '1' }, 'on main');
    git(up, ['checkout', '-q', '-b', 'feature']);
    const offMain = commit(up, { 'f.txt': 'f' }, 'feature work');
    git(up, ['checkout', '-q', 'main']);
    const ci = join(tempDir(), 'ci');
    git(up, ['clone', '-q', up, ci]);
    git(ci, ['checkout', '-q', '--detach', 'origin/feature']);
    git(ci, ['branch', '-q', '-D', 'main']);
    return { ci, onMain, offMain };
  }

  it('accepts a SHA on origin/main when there is no local main (actions/checkout on a pull request)', () => {
    const { ci, onMain } = ciClone();
    expect(git(ci, ['branch', '--list', 'main'])).toBe('');
    expect(check(ci, onMain)).toEqual([]);
  });

  it('near miss: a SHA on neither still is REC005, naming origin/main', () => {
    const { ci, offMain } = ciClone();
    const found = check(ci, offMain);
    expect(found.map((f) => f.rule)).toEqual(['REC005']);
    expect(found[0]?.message).toContain('is not reachable from "origin/main"');
  });

  it('near miss: a SHA on neither a local main nor origin/main names both', () => {
    const { ci, offMain } = ciClone();
    git(ci, ['branch', '-q', 'main', 'origin/main']);
    const found = check(ci, offMain);
    expect(found.map((f) => f.rule)).toEqual(['REC005']);
    expect(found[0]?.message).toContain('is not reachable from "main" or "origin/main"');
  });

  it('accepts a SHA on origin/main when the local main is stale (never pulled)', () => {
    const { ci } = ciClone();
    git(ci, ['branch', '-q', 'main', 'origin/main']);
    const up = git(ci, ['remote', 'get-url', 'origin']).trim();
    const newer = commit(up, { 'b.txt': '2' }, 'landed later');
    git(ci, ['fetch', '-q', 'origin']);
    expect(check(ci, newer)).toEqual([]);
  });

  it('says the branch could not be found when neither main nor origin/main exists', () => {
    const dir = initRepo();
    git(dir, ['checkout', '-q', '-b', 'trunk']);
    const sha = commit(dir, { 'a.txt': '1' }, 'first');
    const found = check(dir, sha);
    expect(found.map((f) => f.rule)).toEqual(['REC005']);
    expect(found[0]?.message).toBe(
      `last_good_sha ${sha.slice(0, 12)} cannot be checked: the production branch "main" could not be found (neither main nor origin/main is in this clone); fetch it (in GitHub Actions: fetch-depth: 0).`,
    );
    // The branch's policy key is related: production_branch (line 2, its value).
    expect(found[0]?.related?.map((r) => [r.file, r.range.start.line, r.message])).toEqual([
      ['slipway.yaml', 1, 'the production branch'],
    ]);
  });

  it("judges by the production environment's own branch, and relates its key", () => {
    const dir = initRepo();
    git(dir, ['checkout', '-q', '-b', 'trunk']);
    const sha = commit(dir, { 'a.txt': '1' }, 'first');
    const envBranch = (branch: string) => `  environments:\n    production: { branch: ${branch} }\n`;
    expect(check(dir, sha, envBranch('trunk'))).toEqual([]);
    const found = check(dir, sha, envBranch('release'));
    expect(found[0]?.message).toContain('the production branch "release" could not be found');
    expect(found[0]?.related?.map((r) => [r.range.start.line, r.range.start.character])).toEqual([[5, 26]]);
    // A commit off that branch: not reachable from it, by its local name.
    git(dir, ['checkout', '-q', '-b', 'other']);
    const off = commit(dir, { 'b.txt': '2' }, 'elsewhere');
    expect(check(dir, off, envBranch('trunk'))[0]?.message).toBe(
      `last_good_sha ${off.slice(0, 12)} is not reachable from "trunk"; production must run a commit on that branch: promote one from it.`,
    );
  });
});

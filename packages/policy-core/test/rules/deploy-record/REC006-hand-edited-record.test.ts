import type { ChangedFile, ChangeSet, Commit } from '@slipway/policy-core';
import { MemoryRepo, parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { deployRecordFamily } from '../../../src/rules/families.js';

/** REC006 over change sets as the git adapter builds them: per-commit changes with statuses. */

const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
const TEXT = `{"last_good_sha": "${'0'.repeat(40)}", "deployed_at": "2026-01-09T10:00:00Z"}`;
const TRAILER = '\n\nSlipway-Event: PROMOTE production x';
const person = { name: 'a', email: 'a@x' };
let n = 0;

function mk(subject: string, body: string, changes?: ChangedFile[], parents = 1): Commit {
  n += 1;
  const c: Commit = {
    sha: `${n.toString(16).padStart(12, '0')}${'f'.repeat(28)}`,
    parents: Array.from({ length: parents }, (_, i) => `${i + 1}`.repeat(40)),
    author: person,
    committer: person,
    subject,
    body,
    firstParent: true,
  };
  if (changes) {
    c.changes = changes;
    c.files = changes.flatMap((f) => (f.oldPath ? [f.path, f.oldPath] : [f.path]));
  }
  return c;
}

const modified = (path: string): ChangedFile => ({ status: 'modified', path });
const deleted = (path: string): ChangedFile => ({ status: 'deleted', path });
const renamed = (oldPath: string, path: string): ChangedFile => ({ status: 'renamed', path, oldPath });

/** Checks the REC family; `files` are the change's net files, `commits` newest first. */
function check(files: ChangedFile[], commits: Commit[], present = true) {
  const parsed = parsePolicyText(`version: 1\nproduction_branch: main\ndeploy:\n  record: ${REC}\n`);
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  const change: ChangeSet = { base: 'a', head: 'b', files, commits };
  const repo = new MemoryRepo(present ? { [REC]: TEXT } : {});
  const now = new Date('2026-01-10T12:00:00Z');
  return deployRecordFamily
    .check({ policy: parsed.document, repo, change, now, env: {} })
    .findings.map((f) => ({ file: f.file, message: f.message, rule: f.rule }));
}

describe('REC006: removing the record', () => {
  it('renaming the record away is removing it, as deleting it is', () => {
    const away = mk('move it', '', [renamed(REC, 'x.bak')]);
    const found = check([renamed(REC, 'x.bak')], [away], false);
    expect(found).toEqual([
      {
        rule: 'REC006',
        file: 'slipway.yaml',
        message: expect.stringMatching(
          /^Commit \w{12} \("move it"\) deletes the deploy record .* drops its pin/,
        ),
      },
    ]);
  });

  it('near misses: renaming another file to a .bak; renaming something onto nothing of the record', () => {
    const other = mk('move docs', '', [renamed('docs/a.md', 'docs/a.bak')]);
    expect(check([renamed('docs/a.md', 'docs/a.bak')], [other], false)).toEqual([]);
    const copy = mk('copy', '', [{ status: 'copied', path: 'x.bak', oldPath: 'docs/a.md' }]);
    expect(check([{ status: 'copied', path: 'x.bak', oldPath: 'docs/a.md' }], [copy], false)).toEqual([]);
  });

  it('moving the record, even under the trailer, is not a record commit: the new name is another file', () => {
    const bySlipway = mk('move', TRAILER, [renamed(REC, 'x.bak')]);
    expect(check([renamed(REC, 'x.bak')], [bySlipway], false)[0]?.message).toContain('also changes x.bak');
  });

  it('names the commit that deleted the record, and a hand edit before it as a change', () => {
    const a = mk('hand edit A', '', [modified(REC)]);
    const b = mk('delete B', '', [deleted(REC)]);
    const found = check([deleted(REC)], [b, a], false);
    expect(found.map((f) => f.message.replace(/ without.*/, ''))).toEqual([
      `Commit ${b.sha.slice(0, 12)} ("delete B") deletes the deploy record ${REC}`,
      `Commit ${a.sha.slice(0, 12)} ("hand edit A") changes the deploy record ${REC}`,
    ]);
  });

  it('a deletion with the trailer is not blamed on the hand edit before it', () => {
    const a = mk('hand edit A', '', [modified(REC)]);
    const b = mk('delete B', TRAILER, [deleted(REC)]);
    const found = check([deleted(REC)], [b, a], false);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(
      /^Commit \w+ \("hand edit A"\) changes the deploy record .* without a Slipway-Event trailer/,
    );
  });

  it('without per-commit statuses the newest commit touching the record is the one that removed it', () => {
    const a = mk('older', '');
    const b = mk('newer', '');
    const found = check([deleted(REC)], [b, a], false);
    expect(found.map((f) => / deletes /.test(f.message))).toEqual([true, false]);
  });
});

describe('REC006: a Slipway commit has the trailer and changes only the record and the audit log', () => {
  it('flags a commit with the trailer that also changes code, naming the files', () => {
    const squash = mk('squash', TRAILER, [modified(REC), modified('code.py'), modified(LOG)]);
    const found = check([modified(REC), modified('code.py')], [squash]);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain("Slipway's record commits change only the record and the audit log");
    expect(found[0]?.message).toContain('also changes code.py.');
    const many = mk('big', TRAILER, [modified(REC), ...['a', 'b', 'c', 'd', 'e'].map(modified)]);
    expect(check([modified(REC)], [many])[0]?.message).toContain('also changes a, b, c and 2 more.');
  });

  it('near misses: the record with the audit log, the record alone, or files unknown', () => {
    expect(check([modified(REC)], [mk('promote', TRAILER, [modified(REC), modified(LOG)])])).toEqual([]);
    expect(check([modified(REC)], [mk('promote', TRAILER, [modified(REC)])])).toEqual([]);
    expect(check([modified(REC)], [mk('promote', TRAILER)])).toEqual([]);
  });

  it('applies to a deletion too', () => {
    const c = mk('cleanup', TRAILER, [deleted(REC), deleted('old.py')]);
    const found = check([deleted(REC), deleted('old.py')], [c], false);
    expect(found[0]?.message).toMatch(
      /deletes the deploy record .* under a Slipway-Event trailer.* also changes old\.py/,
    );
  });
});

describe('REC006: merges answer only for what they made themselves', () => {
  it('a merge that brought the edit in is not blamed; the commit that made it is', () => {
    const hand = mk('hand edit on a branch', '', [modified(REC)]);
    const merge = mk("Merge branch 'pr'", '', [], 2);
    const promote = mk('promote', TRAILER, [modified(REC), modified(LOG)]);
    expect(check([modified(REC)], [promote, merge])).toEqual([]);
    const found = check([modified(REC)], [merge, hand]);
    expect(found.map((f) => f.message.replace(/ the deploy record.*/, ''))).toEqual([
      `Commit ${hand.sha.slice(0, 12)} ("hand edit on a branch") changes`,
    ]);
  });

  it('an evil merge (its result matches neither parent) is blamed, and says so', () => {
    const merge = mk("Merge branch 'pr'", '', [modified(REC)], 2);
    const found = check([modified(REC)], [merge]);
    expect(found[0]?.message).toContain('changes the deploy record in the merge itself');
  });
});

describe('REC006: the trailer block as git reads it', () => {
  it('accepts a Slipway commit cherry-picked with -x (git counts the "(cherry picked from …)" line)', () => {
    const picked = mk('promote', `${TRAILER}\n(cherry picked from commit ${'2fd5'.repeat(10)})`, [
      modified(REC),
    ]);
    expect(check([modified(REC)], [picked])).toEqual([]);
  });

  it('near miss: a prose line after the trailer still ends the block', () => {
    const prose = mk('promote', `${TRAILER}\nthen edited by hand`, [modified(REC)]);
    expect(check([modified(REC)], [prose]).map((f) => f.rule)).toEqual(['REC006']);
  });
});

describe('REC006: what counts as removing or touching the record, and where it is said', () => {
  const copied = (oldPath: string, path: string): ChangedFile => ({ status: 'copied', path, oldPath });
  /** The same check, with each finding's range and related locations. */
  function located(files: ChangedFile[], commits: Commit[], present = true) {
    const parsed = parsePolicyText(`version: 1\nproduction_branch: main\ndeploy:\n  record: ${REC}\n`);
    if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
    const repo = new MemoryRepo(present ? { [REC]: TEXT } : {});
    return deployRecordFamily.check({
      policy: parsed.document,
      repo,
      change: { base: 'a', head: 'b', files, commits },
      now: new Date('2026-01-10T12:00:00Z'),
      env: {},
    }).findings;
  }
  const span = (r: {
    start: { line: number; character: number };
    end: { line: number; character: number };
  }) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

  it('near miss: a change that deletes, renames or copies other files while a commit edits the record is no removal', () => {
    const noise = [deleted('docs/a.md'), renamed('docs/b.md', 'docs/c.md'), copied(REC, 'x.bak')];
    const edit = mk('edit', '', [modified(REC), ...noise]);
    // The record is not at head, yet nothing in the change removed it: REC006 says nothing of it.
    expect(check([modified(REC), ...noise], [edit], false)).toEqual([]);
  });

  it('a commit that edits the record beside other deletions and renames changes it; the one that renames it away deletes it', () => {
    const noise = [deleted('docs/a.md'), renamed('docs/b.md', 'docs/c.md'), copied(REC, 'x.bak')];
    const edit = mk('edit', '', [modified(REC), ...noise]);
    const away = mk('away', '', [renamed(REC, 'y.bak')]);
    const found = located([renamed(REC, 'y.bak'), ...noise], [away, edit], false);
    expect(found.map((f) => f.message.replace(/ without.*/, ''))).toEqual([
      `Commit ${away.sha.slice(0, 12)} ("away") deletes the deploy record ${REC}`,
      `Commit ${edit.sha.slice(0, 12)} ("edit") changes the deploy record ${REC}`,
    ]);
    // Gone from the repository, the finding stands at the policy's deploy.record.
    expect(found.map((f) => [f.file, span(f.range)])).toEqual([
      ['slipway.yaml', '3:10-3:46'],
      ['slipway.yaml', '3:10-3:46'],
    ]);
  });

  it('near miss: a commit that edited the record and one that put it back leave the change without it', () => {
    const edit = mk('edit', '', [modified(REC)]);
    const back = mk('revert edit', '', [modified(REC)]);
    expect(check([modified('app.py')], [back, edit, mk('app', '', [modified('app.py')])])).toEqual([]);
  });

  it('a hand edit of a record that is there: at its first line, the policy line related, the path not repeated', () => {
    const edit = mk('point elsewhere', '', [modified(REC)]);
    const [f, ...rest] = located([modified(REC)], [edit]);
    expect(rest).toEqual([]);
    expect(f?.message).toBe(
      `Commit ${edit.sha.slice(0, 12)} ("point elsewhere") changes the deploy record without a Slipway-Event trailer; revert it and use slipway promote/rollback --commit.`,
    );
    expect([f?.file, f && span(f.range)]).toEqual([REC, `0:0-0:${TEXT.length}`]);
    expect(f?.related?.map((r) => [r.file, span(r.range), r.message])).toEqual([
      ['slipway.yaml', '3:10-3:46', 'the deploy record named here'],
    ]);
  });

  it('a record moved into place is an edit of it', () => {
    const moved = mk('move in', '', [renamed('old/RECORD.json', REC)]);
    expect(located([renamed('old/RECORD.json', REC)], [moved]).map((f) => f.rule)).toEqual(['REC006']);
  });

  it('a copy of the record elsewhere leaves the record as it was: no edit of it', () => {
    const copy = mk('keep a copy', '', [copied(REC, 'backup/LAST_PROD_DEPLOY.json')]);
    expect(located([copied(REC, 'backup/LAST_PROD_DEPLOY.json')], [copy])).toEqual([]);
  });

  it('with the record there, a commit known only by its paths changes it (it did not delete it)', () => {
    const edit = mk('point elsewhere', '');
    edit.files = [REC];
    expect(check([modified(REC)], [edit]).map((f) => f.message.replace(/ without.*/, ''))).toEqual([
      `Commit ${edit.sha.slice(0, 12)} ("point elsewhere") changes the deploy record`,
    ]);
  });

  it("an agent's commit under the trailer: the trailer does not count, and the message says why", () => {
    const claude = { name: 'Claude', email: 'noreply@anthropic.com' };
    const byAgent = {
      ...mk('slipway: promote', TRAILER, [modified(REC), modified(LOG)]),
      author: claude,
      committer: claude,
    };
    expect(check([modified(REC), modified(LOG)], [byAgent]).map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^Commit \w{12} \("slipway: promote"\) changes the deploy record, but its Slipway-Event trailer does not count: it was made by an agent of this policy \(.+\), and a trailer counts only on a commit a person or Slipway's CI identity made; revert it: what production runs changes only through slipway promote\/rollback\.$/,
      ),
    ]);
    // Near miss: the same commit by a person is Slipway's record commit.
    expect(
      check(
        [modified(REC), modified(LOG)],
        [mk('slipway: promote', TRAILER, [modified(REC), modified(LOG)])],
      ),
    ).toEqual([]);
  });

  it('names up to three other files whole', () => {
    const three = mk('three', TRAILER, [modified(REC), ...['a', 'b', 'c'].map(modified)]);
    expect(check([modified(REC)], [three])[0]?.message).toContain('also changes a, b, c.');
  });
});

import { execFileSync } from 'node:child_process';
import { renameSync } from 'node:fs';
import { type ChangeSet, MemoryRepo, type PolicyDocument, parsePolicyText } from '@slipway/policy-core';
import { RepoGitFacts } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { deployRecordFamily } from '../../../src/rules/families.js';
import { cleanup, commit, git, initRepo } from '../../node/git-fixture.js';

afterAll(cleanup);

const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const NOW = new Date('2026-01-10T12:00:00Z');

function policy(extra = ''): PolicyDocument {
  const parsed = parsePolicyText(`version: 1\nproduction_branch: main\ndeploy:\n  record: ${REC}\n${extra}`);
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  return parsed.document;
}

function check(files: Record<string, string>, opts: { repo?: MemoryRepo; change?: ChangeSet } = {}) {
  const repo = opts.repo ?? new MemoryRepo(files);
  return deployRecordFamily.check({ policy: policy(), repo, change: opts.change, now: NOW, env: {} })
    .findings;
}

const rules = (fs: { rule: string }[]) => fs.map((f) => f.rule).sort();
const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('REC001–REC003', () => {
  it('is silent on the seed record and when there is no record', () => {
    expect(check({ [REC]: `{"last_good_sha": "${SHA}", "deployed_at": "2026-01-09T10:00:00Z"}\n` })).toEqual(
      [],
    );
    expect(check({})).toEqual([]);
  });

  it('REC001 points at the character where JSON breaks', () => {
    const f = check({ [REC]: '{\n  "last_good_sha": "x",\n}\n' });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'REC001', file: REC, range: { start: { line: 2, character: 0 } } });
    expect(f[0]?.message).toContain('not valid JSON');
  });

  it('REC001 points at an unknown key and a wrong type', () => {
    const text = `{\n  "last_good_sha": "${SHA}",\n  "deployed_at": "2026-01-09T10:00:00Z",\n  "pinnned": true,\n  "actor": {"name": "a", "kind": "robot"}\n}`;
    const f = check({ [REC]: text });
    expect(rules(f)).toEqual(['REC001', 'REC001']);
    expect(f.map((x) => x.range.start.line).sort()).toEqual([3, 4]);
    expect(f.find((x) => x.range.start.line === 3)?.range.start.character).toBe(2);
  });

  it('REC003 still checks the time when the record has another problem (an unknown key, a short SHA)', () => {
    const text = `{\n  "last_good_sha": "abc1234",\n  "deployed_at": "2026-01-11T10:00:00Z",\n  "deployed_by": "ada"\n}`;
    const f = check({ [REC]: text });
    expect(rules(f)).toEqual(['REC001', 'REC002', 'REC003']);
    expect(f.find((x) => x.rule === 'REC003')).toMatchObject({ range: { start: { line: 2 } } });
    expect(f.find((x) => x.rule === 'REC003')?.message).toContain('is in the future');
  });

  it('REC002 for a short SHA, at the value; REC003 for a time without offset and one in the future', () => {
    const f1 = check({ [REC]: `{"last_good_sha": "abc1234", "deployed_at": "2026-01-09T10:00:00Z"}` });
    expect(f1).toMatchObject([
      { rule: 'REC002', range: { start: { line: 0, character: 18 }, end: { character: 27 } } },
    ]);
    const f2 = check({ [REC]: `{"last_good_sha": "${SHA}", "deployed_at": "2026-01-09 10:00"}` });
    expect(rules(f2)).toEqual(['REC003']);
    const f3 = check({ [REC]: `{"last_good_sha": "${SHA}", "deployed_at": "2026-01-11T10:00:00Z"}` });
    expect(f3).toMatchObject([{ rule: 'REC003' }]);
    expect(f3[0]?.message).toContain('in the future');
    const skew = check({ [REC]: `{"last_good_sha": "${SHA}", "deployed_at": "2026-01-10T12:04:00Z"}` });
    expect(skew).toEqual([]);
  });
});

describe('REC004/REC005 against a real repository', () => {
  const dir = initRepo();
  const onMain = commit(dir, { 'a.txt': '1' }, 'first');
  git(dir, ['checkout', '-q', '-b', 'auto/x']);
  const offMain = commit(dir, { 'b.txt': '2' }, 'agent work');
  git(dir, ['checkout', '-q', 'main']);
  const repoWith = (sha: string) =>
    new MemoryRepo(
      {
        [REC]: `{"last_good_sha": "${sha}", "deployed_at": "2026-01-09T10:00:00Z", "previous_sha": "${SHA}"}`,
      },
      new RepoGitFacts(dir),
    );

  it('REC004 flags a SHA that is not a commit, REC005 one not on the production branch', () => {
    const f = check({}, { repo: repoWith(onMain) });
    expect(f).toMatchObject([{ rule: 'REC004', message: expect.stringContaining('previous_sha') }]);
    // The policy key that names the record is related (deploy.record, line 4 of the policy).
    expect(f[0]?.related?.map((r) => [r.file, r.range.start.line, r.message])).toEqual([
      ['slipway.yaml', 3, 'the deploy record named here'],
    ]);
    const g = check({}, { repo: repoWith(offMain) });
    expect(rules(g)).toEqual(['REC004', 'REC005']);
    expect(g.find((x) => x.rule === 'REC005')?.related?.[0]?.file).toBe('slipway.yaml');
  });

  it("REC004 over a record's history: one question to git for every SHA, and exactly the missing ones flagged", () => {
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: 'not a commit\n' })
      .toString('utf8')
      .trim();
    const history = [onMain, SHA, offMain, blob, onMain].map(
      (sha, i) => `{"event": "PROMOTE", "sha": "${sha}", "deployed_at": "2026-01-0${i + 1}T10:00:00Z"}`,
    );
    const repo = new MemoryRepo(
      {
        [REC]: `{"last_good_sha": "${onMain}", "deployed_at": "2026-01-09T10:00:00Z", "history": [${history.join(', ')}]}`,
      },
      new RepoGitFacts(dir),
    );
    const found = check({}, { repo }).filter((f) => f.rule === 'REC004');
    expect(found.map((f) => f.message.slice(0, 44))).toEqual([
      `\`history.1.sha\` ${SHA.slice(0, 12)} is not a commit`,
      `\`history.3.sha\` ${blob.slice(0, 12)} is not a commit`,
    ]);
  });

  it('REC005 on a host that cannot resolve names asks git about the branch as configured', () => {
    // A GitFacts without resolveCommit: the answer names the configured branch, quoted.
    const facts = { commitExists: () => true, isAncestor: (_sha: string, ref: string) => ref === 'release' };
    const record = { [REC]: `{"last_good_sha": "${SHA}", "deployed_at": "2026-01-09T10:00:00Z"}` };
    const found = check({}, { repo: new MemoryRepo(record, facts) });
    expect(found.map((x) => [x.rule, x.message.slice(0, 55)])).toEqual([
      ['REC005', `last_good_sha ${SHA.slice(0, 12)} is not reachable from "main"`],
    ]);
  });

  it('primeCommits answers from one batch: later questions need no git at all', () => {
    const facts = new RepoGitFacts(dir);
    facts.primeCommits([onMain, offMain, SHA]);
    // With the repository unreachable, only remembered answers can be right.
    const gone = `${dir}-moved`;
    renameSync(dir, gone);
    try {
      expect([facts.commitExists(onMain), facts.commitExists(offMain), facts.commitExists(SHA)]).toEqual([
        true,
        true,
        false,
      ]);
    } finally {
      renameSync(gone, dir);
    }
  });

  it('is silent without git facts', () => {
    const repo = new MemoryRepo({
      [REC]: `{"last_good_sha": "${offMain}", "deployed_at": "2026-01-09T10:00:00Z"}`,
    });
    expect(check({}, { repo })).toEqual([]);
  });
});

describe('REC006', () => {
  const text = `{"last_good_sha": "${SHA}", "deployed_at": "2026-01-09T10:00:00Z"}`;
  const person = { name: 'a', email: 'a@x' };
  const mk = (body: string, files?: string[]) => ({
    sha: 'f'.repeat(40),
    parents: [],
    author: person,
    committer: person,
    subject: 'edit',
    body,
    firstParent: true,
    files,
  });
  const change = (commits: ReturnType<typeof mk>[]): ChangeSet => ({
    base: 'a',
    head: 'b',
    files: [{ status: 'modified', path: REC }],
    commits,
  });

  it('flags a commit touching the record without the trailer and accepts one with it', () => {
    expect(rules(check({ [REC]: text }, { change: change([mk('by hand', [REC])]) }))).toEqual(['REC006']);
    expect(
      check({ [REC]: text }, { change: change([mk('promote\n\nSlipway-Event: PROMOTE production', [REC])]) }),
    ).toEqual([]);
    expect(check({ [REC]: text }, { change: change([mk('other', ['README.md'])]) })).toEqual([]);
    expect(rules(check({ [REC]: text }, { change: change([mk('unknown files')]) }))).toEqual(['REC006']);
  });

  it('counts Slipway-Event only as a trailer: the last paragraph, all trailer lines', () => {
    const edited = (body: string) => rules(check({ [REC]: text }, { change: change([mk(body, [REC])]) }));
    // The words in the middle of the body, followed by prose: not a trailer (git agrees).
    expect(edited('Slipway-Event: none, edited by hand\n\nmore text here')).toEqual(['REC006']);
    expect(edited('why\nSlipway-Event: PROMOTE production')).toEqual(['REC006']);
    // Near misses: a trailer block with other trailers and a continuation line, CRLF endings.
    expect(edited('why\n\nSigned-off-by: A <a@x>\nSlipway-Event: ROLLBACK production\n  continued')).toEqual(
      [],
    );
    expect(edited('why\r\n\r\nSlipway-Event: UNPIN production\r\n')).toEqual([]);
  });

  it('flags a change that deletes the record, at the policy key (the file is gone)', () => {
    const deleted: ChangeSet = {
      base: 'a',
      head: 'b',
      files: [{ status: 'deleted', path: REC }],
      commits: [mk('remove it', [REC])],
    };
    const found = check({}, { change: deleted });
    expect(rules(found)).toEqual(['REC006']);
    expect(found[0]).toMatchObject({ file: 'slipway.yaml' });
    expect((found[0] as { message: string }).message).toContain('deletes the deploy record');
    // Near miss: deleted by Slipway's own commit (none does today, but the trailer is the test).
    expect(
      check({}, { change: { ...deleted, commits: [mk('x\n\nSlipway-Event: RESET production', [REC])] } }),
    ).toEqual([]);
  });
});

import { MemoryRepo, parsePolicyText } from '@slipway/policy-core';
import { RepoGitFacts } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { deployRecordFamily } from '../../../src/rules/families.js';
import { deployRecordFamilyOf } from '../../../src/rules/deploy-record/facts/family.js';
import {
  policyRelated,
  readRecordFacts,
  recordShas,
  valueSpan,
} from '../../../src/rules/deploy-record/facts/record-facts.js';
import { cleanup, initRepo } from '../../node/git-fixture.js';

/** The record as every REC rule reads it: read once, its SHAs listed, its values located. */

afterAll(cleanup);

const REC = 'infra/RECORD.json';
const POLICY = `version: 1\nrules:\n  MIG001: error\ndeploy:\n  record: ${REC}\n`;
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

/** A repository that refuses to read the record (too big, a link out of the repository …), or finds a folder there. */
class Refusing extends MemoryRepo {
  constructor(
    files: Record<string, string>,
    private readonly why: string | undefined,
    private readonly folder = false,
  ) {
    super(files);
  }
  whyUnread(path: string): string | undefined {
    return path === REC ? this.why : undefined;
  }
  override isDirectory(path: string): boolean {
    return this.folder && path === REC;
  }
}

function ctxOf(repo: MemoryRepo) {
  const parsed = parsePolicyText(POLICY);
  if (!parsed.document) throw new Error('policy');
  return { policy: parsed.document, repo, now: new Date('2026-01-10T00:00:00Z'), env: {} };
}

const facts = (text: string) => {
  const f = readRecordFacts(ctxOf(new MemoryRepo({ [REC]: text })));
  if (!f) throw new Error('no record');
  return f;
};

const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

describe('the deploy record as the REC rules read it', () => {
  it('a record the host refuses to read is one REC001 saying why, at the top of the record', () => {
    const ctx = ctxOf(new Refusing({}, 'is larger than 1 MB'));
    const f = readRecordFacts(ctx);
    expect(f?.path).toBe(REC);
    expect(f?.text).toBe('');
    const found = deployRecordFamily.check(ctx).findings;
    expect(found.map((x) => [x.rule, x.file, x.message, at(x.range)])).toEqual([
      [
        'REC001',
        REC,
        'The deploy record is larger than 1 MB; commit the record itself at deploy.record.',
        '0:0-0:0',
      ],
    ]);
    // The record is the file its findings' suppressions are read from; none when there is none.
    expect(deployRecordFamily.check(ctx).filesChecked).toEqual([REC]);
    expect(deployRecordFamily.check(ctxOf(new MemoryRepo({}))).filesChecked).toEqual([]);
  });

  it('no record and no reason is no record at all; a folder at the path is said as one', () => {
    expect(readRecordFacts(ctxOf(new Refusing({}, undefined)))).toBeUndefined();
    expect(deployRecordFamily.check(ctxOf(new Refusing({}, undefined))).findings).toEqual([]);
    const folder = deployRecordFamily.check(
      ctxOf(new Refusing({ [`${REC}/x.json`]: '{}' }, undefined, true)),
    );
    expect(folder.findings.map((x) => x.rule)).toEqual(['REC001']);
    expect(folder.findings[0]?.message).toContain(`${REC} (deploy.record) is a directory`);
    // A record that is there is never taken for a folder, whatever the host says of the path.
    const both = new Refusing(
      { [REC]: `{"last_good_sha": "${A}", "deployed_at": "2026-01-09T10:00:00Z"}` },
      undefined,
      true,
    );
    expect(deployRecordFamily.check(ctxOf(both)).findings).toEqual([]);
  });

  it('points at the policy line that names the record', () => {
    const related = policyRelated(ctxOf(new MemoryRepo({})), 'named here');
    expect([related.file, at(related.range), related.message]).toEqual([
      'slipway.yaml',
      '4:10-4:27',
      'named here',
    ]);
  });

  it('locates a value by its path, into history items, and falls back to the first line', () => {
    const text = `{\n  "last_good_sha": "${A}",\n  "history": [\n    { "sha": "${B}" },\n    { "sha": "${A}" }\n  ]\n}\n`;
    const f = facts(text);
    expect(at(valueSpan(f, ['last_good_sha']))).toBe('1:19-1:61');
    expect(at(valueSpan(f, ['history', 1, 'sha']))).toBe('4:13-4:55');
    expect(at(valueSpan(f, ['history', 0, 'sha']))).toBe('3:13-3:55');
    // A path the record does not have: the first line.
    expect(at(valueSpan(f, ['history', 2, 'sha']))).toBe('0:0-0:1');
    expect(at(valueSpan(f, ['history', 'x']))).toBe('0:0-0:1');
    expect(at(valueSpan(f, ['nope']))).toBe('0:0-0:1');
  });

  it('lists each well-formed SHA with its path, and nothing of a record that is not an object', () => {
    const record = {
      last_good_sha: A,
      previous_sha: B,
      history: [null, 7, 'x', { sha: B }, { sha: `${A}0` }, { sha: `0${A}` }, { sha: A.toUpperCase() }],
    };
    expect(recordShas(facts(JSON.stringify(record)))).toEqual([
      { path: ['last_good_sha'], sha: A },
      { path: ['previous_sha'], sha: B },
      { path: ['history', 3, 'sha'], sha: B },
    ]);
    // A SHA with a character more on either side is not one.
    expect(recordShas(facts(JSON.stringify({ last_good_sha: `${A}f`, previous_sha: `f${B}` })))).toEqual([]);
    for (const text of ['null', '[]', `["${A}"]`, `"${A}"`, '7'])
      expect(recordShas(facts(text)), text).toEqual([]);
  });
});

describe('what the REC rules will ask git, named ahead', () => {
  const dir = initRepo();
  const withGit = (files: Record<string, string>, policy = POLICY) => {
    const parsed = parsePolicyText(policy);
    if (!parsed.document) throw new Error('policy');
    return {
      policy: parsed.document,
      repo: new MemoryRepo(files, new RepoGitFacts(dir)),
      now: new Date('2026-01-10T00:00:00Z'),
      env: {},
    };
  };
  const record = JSON.stringify({
    last_good_sha: A,
    deployed_at: '2026-01-09T10:00:00Z',
    history: [{ sha: B }],
  });
  const change = {
    base: 'c'.repeat(40),
    head: 'd'.repeat(40),
    files: [{ status: 'renamed' as const, path: REC, oldPath: 'old/RECORD.json' }],
    commits: [],
  };

  it('each SHA of the record, the production branch (local and fetched) and whether it holds the last good one', () => {
    expect(deployRecordFamily.gitAsks?.(withGit({ [REC]: record }))).toEqual({
      base: [],
      commits: [A, B, A, 'refs/heads/main', 'refs/remotes/origin/main'],
      ancestry: [[A, 'refs/heads/main']],
    });
    // The production environment's own branch, and the record at base by its path there.
    const policy = `${POLICY}  production: live\n  environments:\n    live: { branch: release }\n`;
    expect(deployRecordFamily.gitAsks?.({ ...withGit({ [REC]: record }, policy), change })).toEqual({
      base: ['old/RECORD.json'],
      commits: [A, B, A, 'refs/heads/release', 'refs/remotes/origin/release'],
      ancestry: [[A, 'refs/heads/release']],
    });
  });

  it('only the record at base without git facts or a record, and nothing without a deploy section', () => {
    expect(deployRecordFamily.gitAsks?.({ ...ctxOf(new MemoryRepo({ [REC]: record })), change })).toEqual({
      base: ['old/RECORD.json'],
    });
    expect(deployRecordFamily.gitAsks?.(withGit({}))).toEqual({ base: [] });
    // A record with no well-formed last_good_sha: its other SHAs, no branch question.
    expect(deployRecordFamily.gitAsks?.(withGit({ [REC]: JSON.stringify({ previous_sha: B }) }))).toEqual({
      base: [],
      commits: [B],
      ancestry: [],
    });
    const none = parsePolicyText('version: 1\n');
    if (!none.document) throw new Error('policy');
    expect(deployRecordFamily.gitAsks?.({ ...withGit({ [REC]: record }), policy: none.document })).toEqual(
      {},
    );
  });
});

describe('the REC family', () => {
  it('runs the rules that read the deploy record, and only those', () => {
    const [first] = deployRecordFamily.rules;
    if (!first) throw new Error('no REC rule');
    const stray = {
      ...first,
      id: 'REC999',
      facts: 'audit-log',
      check: () => [
        {
          rule: 'REC999',
          severity: 'error' as const,
          message: 'ran',
          file: REC,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        },
      ],
    };
    const family = deployRecordFamilyOf([...deployRecordFamily.rules, stray]);
    expect(family.check(ctxOf(new MemoryRepo({ [REC]: '{' }))).findings.map((f) => f.rule)).toEqual([
      'REC001',
    ]);
  });
});

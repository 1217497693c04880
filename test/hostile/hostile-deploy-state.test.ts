import { MemoryRepo, parsePolicyText, runCheck } from '@slipway/policy-core';
import { readChangeSet } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipwayAsync } from '../helpers/cli.js';
import { TempRepo, type Who } from '../helpers/git-repo.js';
import { mustRun } from '../helpers/run-process.js';
import { chained } from './attack-corpus-base.js';

/**
 * Issue 48, category 4: deploy state a pull request asserts for itself. Each case is one change
 * on a real repository (one repository, a branch per case from the same base), read by the git
 * adapter and judged in process by the engine, as `slipway check --base main` judges it (one
 * CLI run of the same attack is in test/e2e/audit-log-rewrite.test.ts). Attacks: audit entries
 * appended by hand with their hash chain recomputed (a STAGING_VERIFIED for the agent's SHA),
 * the Slipway-Event trailer on an agent's own commit, a record whose audit_head vanishes or
 * moves back. Near misses: the commits Slipway's flow makes, a person's manual correction.
 */

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
const POLICY = `version: 1
production_branch: main
agents:
  identities: ["bot-*@agents.example.com"]
deploy:
  record: ${RECORD}
  audit_log: ${LOG}
`;
const OLD = '4f2a9c1e7b3d5a8f0c6e2b9d1a7f3c5e8b0d2a4f';
const PROD = '9c81d3e5f7a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9';
const AGENT_SHA = '7e3b1f9a2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f';

const HUMAN: Who = { name: 'Dev Human', email: 'dev@example.com' };
const CI: Who = { name: 'Slipway CI', email: 'slipway-ci@users.noreply.github.com' };
const CLAUDE: Who = { name: 'Claude', email: 'noreply@anthropic.com' };
const LOCAL_AGENT: Who = { name: 'bot-7', email: 'bot-7@agents.example.com' };
const TRAILER = `Slipway-Event: STAGING_VERIFIED staging ${AGENT_SHA}`;

type Event = Record<string, unknown>;
const promote = (outcome: string): Event => ({
  time: '2025-12-09T10:00:00Z',
  event: 'PROMOTE',
  environment: 'production',
  from: OLD,
  to: PROD,
  actor: { name: 'ada', kind: 'human' },
  outcome,
});
const verified: Event = {
  time: '2025-12-10T09:00:00Z',
  event: 'STAGING_VERIFIED',
  environment: 'staging',
  from: PROD,
  to: AGENT_SHA,
  actor: { name: 'Slipway CI', kind: 'ci' },
  outcome: 'succeeded',
};

const BASE_LOG = chained([promote('started'), promote('succeeded')]);
const WITH_VERIFIED = chained([promote('started'), promote('succeeded'), verified]);
const record = (fields: Record<string, unknown>) =>
  `${JSON.stringify({ last_good_sha: PROD, deployed_at: '2025-12-09T10:00:00Z', previous_sha: OLD, ...fields }, null, 2)}\n`;
const BASE_RECORD = record({ audit_head: BASE_LOG.hashes[1] });

interface Case {
  name: string;
  who: Who;
  committer?: Who;
  message: string;
  files: Record<string, string>;
  /** "RULE severity" of every finding of AUD007, REC006 and REC008. */
  expect: string[];
}

const appended = { [LOG]: WITH_VERIFIED.text };
const sealed = { ...appended, [RECORD]: record({ audit_head: WITH_VERIFIED.hashes[2] }) };
const withTrailer = (subject: string) => `${subject}\n\n${TRAILER}`;

const ATTACKS: Case[] = [
  {
    name: 'an agent appends STAGING_VERIFIED for its SHA, chain recomputed, no trailer',
    who: CLAUDE,
    message: 'Record staging verification',
    files: appended,
    expect: ['AUD007 error'],
  },
  {
    name: 'the same under a Slipway-Event trailer on the agent’s own commit (a preset agent)',
    who: CLAUDE,
    message: withTrailer('slipway: verification of 7e3b1f9a2c4d on staging'),
    files: sealed,
    expect: ['AUD007 error', 'REC006 error'],
  },
  {
    name: 'the same by an agent of the policy’s own identities, sealed in the record',
    who: LOCAL_AGENT,
    message: withTrailer('slipway: verification'),
    files: sealed,
    expect: ['AUD007 error', 'REC006 error'],
  },
  {
    name: 'a person’s name as author, the agent as committer, the trailer on',
    who: HUMAN,
    committer: LOCAL_AGENT,
    message: withTrailer('slipway: verification'),
    files: sealed,
    expect: ['AUD007 error', 'REC006 error'],
  },
  {
    name: 'a person’s commit crediting the agent (Co-authored-by) with the trailer',
    who: HUMAN,
    message: `slipway: verification\n\n${TRAILER}\nCo-authored-by: Claude <noreply@anthropic.com>`,
    files: sealed,
    expect: ['AUD007 error', 'REC006 error'],
  },
  {
    name: 'a person hand-appends the entry and seals the record, no trailer',
    who: HUMAN,
    message: 'Mark the agent SHA verified',
    files: sealed,
    expect: ['AUD007 error', 'REC006 error'],
  },
  {
    name: 'the trailer on a commit that also changes code',
    who: HUMAN,
    message: withTrailer('slipway: verification'),
    files: { ...sealed, 'app.txt': 'v2\n' },
    expect: ['AUD007 error', 'REC006 error'],
  },
  {
    name: 'the record drops audit_head under the trailer (silences REC008)',
    who: HUMAN,
    message: 'fix record\n\nSlipway-Event: manual-correction',
    files: { [RECORD]: record({ last_good_sha: AGENT_SHA }) },
    expect: ['REC008 error'],
  },
  {
    name: 'the record moves audit_head back to an earlier entry under the trailer',
    who: HUMAN,
    message: 'fix record\n\nSlipway-Event: manual-correction',
    files: { [RECORD]: record({ audit_head: BASE_LOG.hashes[0] }) },
    expect: ['REC008 error'],
  },
];

const NEAR_MISSES: Case[] = [
  {
    name: 'Slipway CI’s own staging commit: log and record, the trailer, a non-agent identity',
    who: CI,
    message: withTrailer('slipway: verification of 7e3b1f9a2c4d on staging'),
    files: sealed,
    expect: [],
  },
  {
    name: 'a person’s manual correction of log and record, with the trailer',
    who: HUMAN,
    message: 'slipway: manual correction\n\nSlipway-Event: manual-correction',
    files: sealed,
    expect: [],
  },
  {
    name: 'a person’s commit that says Co-authored-by a person, with the trailer',
    who: HUMAN,
    message: `slipway: verification\n\n${TRAILER}\nCo-authored-by: Ada <ada@example.com>`,
    files: sealed,
    expect: [],
  },
  {
    name: 'an agent’s code change that leaves the log and the record alone',
    who: CLAUDE,
    message: 'Fix the login form',
    files: { 'app.txt': 'v2\n' },
    expect: [],
  },
  {
    name: 'a record that keeps its audit_head while a person reformats it, with the trailer',
    who: HUMAN,
    message: 'tidy\n\nSlipway-Event: manual-correction',
    files: { [RECORD]: `${JSON.stringify(JSON.parse(BASE_RECORD), null, 4)}\n` },
    expect: [],
  },
];

const ALL = [...ATTACKS, ...NEAR_MISSES];
const POLICY_DOC = (() => {
  const parsed = parsePolicyText(POLICY, 'slipway.yaml');
  if (!parsed.document) throw new Error('policy did not parse');
  return parsed.document;
})();
const BASE_FILES = { 'slipway.yaml': POLICY, [LOG]: BASE_LOG.text, [RECORD]: BASE_RECORD, 'app.txt': 'v1\n' };

let repo: TempRepo;
let base: string;
const verdicts = new Map<Case, { rules: string[]; messages: string[] }>();

/**
 * Every case is one commit on its own branch from the base, all written by one `git fast-import`,
 * then read back by the git adapter and judged at once: the head tree is the base's files with
 * the case's, in memory (the rules judged read only the record and the log from it).
 */
beforeAll(async () => {
  repo = new TempRepo(BASE_FILES);
  base = repo.commit('base');
  const stream: string[] = [];
  const data = (text: string) => stream.push(`data ${Buffer.byteLength(text)}\n${text}\n`);
  const person = (w: Who) => `${w.name} <${w.email}> 1765357200 +0000`;
  ALL.forEach((c, n) => {
    stream.push(
      `commit refs/heads/case-${n}\nauthor ${person(c.who)}\ncommitter ${person(c.committer ?? c.who)}\n`,
    );
    data(c.message);
    stream.push(`from ${base}\n`);
    for (const [path, text] of Object.entries(c.files)) {
      stream.push(`M 100644 inline ${path}\n`);
      data(text);
    }
  });
  await mustRun('git', ['fast-import', '--quiet'], {
    cwd: repo.dir,
    input: Buffer.from(stream.join(''), 'utf8'),
  });
  await Promise.all(
    ALL.map(async (c, n) => {
      const change = await readChangeSet({
        repo: repo.dir,
        base,
        head: `case-${n}`,
        productionBranch: 'main',
        env: {},
      });
      const result = runCheck({
        policy: POLICY_DOC,
        repo: new MemoryRepo({ ...BASE_FILES, ...c.files }),
        change,
        only: ['AUD007', 'REC006', 'REC008'],
        now: new Date('2026-01-10T12:00:00Z'),
        env: {},
      });
      verdicts.set(c, {
        rules: result.findings.map((f) => `${f.rule} ${f.severity}`).sort(),
        messages: result.findings.map((f) => `${f.rule} ${f.message}`),
      });
    }),
  );
});
afterAll(() => repo?.dispose());

const judged = (c: Case) => verdicts.get(c) ?? { rules: ['not judged'], messages: [] };

describe('deploy state a change asserts for itself', () => {
  for (const c of ATTACKS)
    it(`attack: ${c.name}`, () => {
      const got = judged(c);
      expect(got.rules, got.messages.join('\n')).toEqual(c.expect);
    });
  for (const c of NEAR_MISSES)
    it(`near miss: ${c.name}`, () => {
      const got = judged(c);
      expect(got.rules, got.messages.join('\n')).toEqual(c.expect);
    });

  it('the messages name the commit, the entry and why its trailer does not count', () => {
    const aud = judged(ATTACKS[1] as Case).messages.find((m) => m.startsWith('AUD007')) ?? '';
    expect(aud).toMatch(/Commit [0-9a-f]{12} \("slipway: verification of 7e3b1f9a2c4d on staging"\)/);
    expect(aud).toContain('line 3: STAGING_VERIFIED staging 7e3b1f9a2c4d succeeded');
    expect(aud).toContain(
      'it was made by an agent of this policy (agent author `Claude <noreply@anthropic.com>`',
    );
    expect(judged(ATTACKS[7] as Case).messages[0]).toMatch(
      /REC008 The record's audit_head is gone: at the base [0-9a-f]{12} it named/,
    );
    expect(judged(ATTACKS[8] as Case).messages[0]).toMatch(/REC008 The record's audit_head moved back/);
  });
  it('through the built CLI as CI runs it: the agent’s trailered verification fails the check (exit 1, AUD007 and REC006 errors)', async () => {
    repo.git('checkout', '-q', 'case-1');
    const r = await slipwayAsync(['check', '--base', base, '--format', 'json'], { cwd: repo.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { findings: { rule: string; severity: string }[] }).findings;
    // The record's stand-in SHAs are REC004's too; the deploy-state rules are what is asked here.
    const asked = new Set(['AUD007', 'REC006', 'REC008']);
    const errors = found.filter((x) => x.severity === 'error' && asked.has(x.rule)).map((x) => x.rule);
    expect(errors.sort()).toEqual(['AUD007', 'REC006']);
  });
});

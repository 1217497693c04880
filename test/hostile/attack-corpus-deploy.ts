import { chained, LOG, promoteEvent, RECORD, recordText } from './attack-corpus-base.js';
import { type AttackCase, BOT, CLAUDE, type Files, PERSON } from './attack-corpus-harness.js';
import type { Who } from '../helpers/git-repo.js';

/**
 * Category 4: deploy state a pull request asserts for itself. The base's log holds the root
 * commit's promote and the record is sealed to it (attack-corpus-base.ts). Attacks: a
 * STAGING_VERIFIED entry appended by hand with its hash chain recomputed, the Slipway-Event
 * trailer on an agent's own commit, a record whose audit_head vanishes or moves back. Near
 * misses: the commit Slipway's own flow makes, a person's manual correction. (The rows of
 * hostile-deploy-state.test.ts, run here through the CLI on a pull-request event.)
 */

const CI: Who = { name: 'Slipway CI', email: 'slipway-ci@users.noreply.github.com' };

const verified = (root: string) => ({
  time: '2025-12-10T09:00:00Z',
  event: 'STAGING_VERIFIED',
  environment: 'staging',
  from: root,
  to: root,
  actor: { name: 'Slipway CI', kind: 'ci' },
  outcome: 'succeeded',
});
const logOf = (root: string, more = true) =>
  chained([
    promoteEvent(root, 'started'),
    promoteEvent(root, 'succeeded'),
    ...(more ? [verified(root)] : []),
  ]);

/** The log with STAGING_VERIFIED appended, chained. */
const appended = (root: string): Files => ({ [LOG]: logOf(root).text });
/** The same, and the record sealed to the new entry. */
const sealed = (root: string): Files => ({
  ...appended(root),
  [RECORD]: recordText(root, { audit_head: logOf(root).hashes[2] }),
});
/** The flow's trailer, as an agent copies it onto its own commit. */
const TRAILED =
  'slipway: verification on staging\n\nSlipway-Event: STAGING_VERIFIED staging 7e3b1f9a2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f';

const AUD007 = { rule: 'AUD007', file: LOG };

export const DEPLOY_CASES: AttackCase[] = [
  {
    name: 'an agent appends STAGING_VERIFIED for its SHA, chain recomputed, no trailer',
    agent: true,
    who: CLAUDE,
    message: 'Record staging verification',
    files: appended,
    expect: AUD007,
  },
  {
    name: 'the same under a Slipway-Event trailer on the agent’s own commit (a preset agent)',
    commits: [{ who: CLAUDE, message: TRAILED, files: sealed }],
    expect: AUD007,
  },
  {
    name: 'the trailer on an agent’s commit is not taken at its word (REC006 on the sealed record)',
    commits: [{ who: CLAUDE, message: TRAILED, files: sealed }],
    expect: { rule: 'REC006', file: RECORD },
  },
  {
    name: 'the same by an agent of the policy’s own identities',
    commits: [{ who: BOT, message: TRAILED, files: sealed }],
    expect: AUD007,
  },
  {
    name: 'a person’s name as author, the agent as committer, the trailer on',
    commits: [{ who: PERSON, committer: BOT, message: TRAILED, files: sealed }],
    expect: AUD007,
  },
  {
    name: 'a person’s commit crediting the agent (Co-authored-by) with the trailer',
    commits: [
      {
        who: PERSON,
        files: sealed,
        message: `${TRAILED}\nCo-authored-by: Claude <noreply@anthropic.com>`,
      },
    ],
    expect: AUD007,
  },
  {
    name: 'a person hand-appends the entry and seals the record, no trailer',
    files: sealed,
    message: 'Mark the SHA verified',
    expect: AUD007,
  },
  {
    name: 'the trailer on a commit that also changes code',
    files: (root) => ({ ...sealed(root), 'app/api.py': 'def handler():\n    return 2\n' }),
    message: 'slipway: verification\n\nSlipway-Event: manual-correction',
    expect: AUD007,
  },
  {
    name: 'the record drops audit_head under the trailer (silences REC008)',
    files: (root) => ({ [RECORD]: recordText(root, { deployed_at: '2025-12-11T10:00:00Z' }) }),
    message: 'fix record\n\nSlipway-Event: manual-correction',
    expect: { rule: 'REC008', file: RECORD, says: /audit_head is gone/ },
  },
  {
    name: 'the record moves audit_head back to an earlier entry under the trailer',
    files: (root) => ({ [RECORD]: recordText(root, { audit_head: logOf(root, false).hashes[0] }) }),
    message: 'fix record\n\nSlipway-Event: manual-correction',
    expect: { rule: 'REC008', file: RECORD, says: /moved back/ },
  },
  {
    name: 'Slipway CI’s own staging commit: log and record, the trailer, a non-agent identity',
    commits: [{ who: CI, files: sealed, message: TRAILED }],
    expect: 'pass',
  },
  {
    name: 'a person’s manual correction of log and record, with the trailer',
    files: sealed,
    message: 'slipway: manual correction\n\nSlipway-Event: manual-correction',
    expect: 'pass',
  },
  {
    name: 'a person’s commit that says Co-authored-by a person, with the trailer',
    files: sealed,
    message:
      'slipway: verification\n\nSlipway-Event: manual-correction\nCo-authored-by: Ada <ada@example.com>',
    expect: 'pass',
  },
  {
    name: 'an agent’s code change that leaves the log and the record alone',
    agent: true,
    who: CLAUDE,
    files: { 'app/api.py': 'def handler():\n    return 3\n' },
    expect: 'pass',
  },
  {
    name: 'a record that keeps its audit_head while a person reformats it, with the trailer',
    files: (root) => ({
      [RECORD]: `${JSON.stringify(JSON.parse(recordText(root, { audit_head: logOf(root, false).hashes[1] })), null, 4)}\n`,
    }),
    message: 'tidy\n\nSlipway-Event: manual-correction',
    expect: 'pass',
  },
];

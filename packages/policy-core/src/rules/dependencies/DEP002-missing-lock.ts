import type { Finding } from '../../finding.js';
import type { Rule } from '../../rule.js';
import type { CheckContext } from '../../rule.js';
import { freshMirrorLock } from './facts/fresh-mirror-lock.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at, edit, policyAt } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';
import { commentSuppressDocs } from '../suppress-docs.js';

export const missingLock: Rule<PairRun> = {
  id: 'DEP002',
  name: 'missing-lock',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'lock file missing',
  docs: {
    what:
      'The policy names a lock for the requirements, and it does not exist (or is a directory). The ' +
      'finding points at the `lock:` line of the policy.',
    why: 'Without it a deployment cannot be reproduced and rollback has nothing to return to.',
    fix:
      'Create it with `slipway deps lock` (a mirror of the requirements) or with your locking tool, and ' +
      'commit it together with the requirements.',
    suppress: commentSuppressDocs('DEP002'),
    examples: [
      {
        verdict: 'flagged',
        file: 'backend/requirements.txt',
        text:
          '# backend/requirements.lock was never committed\n' + 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
      },
      {
        verdict: 'fine',
        file: 'backend/requirements.txt',
        text: 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        },
      },
    ],
  },
  check: ({ ctx, pair }) => checkMissingLock(ctx, pair),
};

export function checkMissingLock(ctx: CheckContext, facts: PairFacts): Finding[] {
  if (facts.lockState !== 'missing' && facts.lockState !== 'directory') return [];
  const lock = facts.pair.lock;
  const what =
    facts.lockState === 'directory'
      ? `${lock} is a directory, not a lock file`
      : `the lock ${lock} does not exist`;
  const f: Finding = {
    rule: missingLock.id,
    severity: missingLock.defaultSeverity,
    message: `${what}; create it with \`slipway deps lock\` and commit it with ${facts.pair.requirements}.`,
    ...policyAt(ctx, facts, 'lock'),
  };
  const root = facts.requirementFiles[0];
  if (root) f.related = [{ ...at(root, 0, 0), message: 'the requirements the lock must mirror' }];
  const text =
    facts.lockState === 'missing' && facts.lockFormat === 'requirements' ? freshMirrorLock(facts) : undefined;
  if (text !== undefined)
    f.fixes = [
      {
        title: `Create ${lock} from the requirements`,
        edits: [edit(lock, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text)],
      },
    ];
  return [f];
}

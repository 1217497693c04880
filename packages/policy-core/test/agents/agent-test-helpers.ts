import type { ChangeSet, Commit, Person } from '../../src/change-set.js';
import type { PolicyDocument } from '../../src/policy/document.js';
import { parsePolicyText } from '../../src/index.js';

/** What the agents/ tests build a change from: a policy, a human, a commit, a change. */

export const policy = (text = 'version: 1\n'): PolicyDocument => {
  const doc = parsePolicyText(text, 'slipway.yaml').document;
  if (!doc) throw new Error('policy did not parse');
  return doc;
};

export const HUMAN: Person = { name: 'Dev Human', email: 'dev@example.com' };

export const commit = (over: Partial<Commit> = {}): Commit => ({
  sha: 'c'.repeat(40),
  parents: ['d'.repeat(40)],
  author: HUMAN,
  committer: HUMAN,
  subject: 'Change',
  body: '',
  firstParent: true,
  ...over,
});

export const change = (over: Partial<ChangeSet> = {}): ChangeSet => ({
  base: 'a'.repeat(40),
  head: 'b'.repeat(40),
  files: [],
  commits: [commit()],
  branch: 'feature/x',
  ...over,
});

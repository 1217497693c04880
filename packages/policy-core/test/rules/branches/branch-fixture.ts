import {
  type ChangedFile,
  type ChangeSet,
  type CheckContext,
  type Commit,
  MemoryRepo,
  type Person,
  parsePolicyText,
} from '@slipway/policy-core';
import { branchFamily } from '../../../src/rules/families.js';

export const POLICY = `version: 1
production_branch: main
agents:
  branches: ["auto/*"]
  identities:
    - "*[bot]@users.noreply.github.com"
    - "ci-agent"
    - "Helper <helper@agents.example>"
dependencies:
  requirements: backend/requirements.txt
  lock: backend/requirements.lock
`;

export const HUMAN: Person = { name: 'Ada Human', email: 'ada@example.com' };
export const BOT: Person = { name: 'helper[bot]', email: '41898282+helper[bot]@users.noreply.github.com' };
export const GITHUB: Person = { name: 'GitHub', email: 'noreply@github.com' };

let n = 0;
export function commit(over: Partial<Commit> = {}): Commit {
  n++;
  const sha = n.toString(16).padStart(40, 'a');
  return {
    sha,
    parents: [],
    author: HUMAN,
    committer: HUMAN,
    subject: `commit ${n}`,
    body: '',
    firstParent: true,
    ...over,
  };
}

export function change(over: Partial<ChangeSet> = {}): ChangeSet {
  return { base: 'b'.repeat(40), head: 'c'.repeat(40), files: [], commits: [], ...over };
}

export function modified(...paths: string[]): ChangedFile[] {
  return paths.map((path) => ({ status: 'modified', path }));
}

/** The BR family's findings on a change; `files` are the repository's files at the head. */
export function run(
  changeSet: ChangeSet,
  policyText = POLICY,
  file = 'slipway.yaml',
  files: Record<string, string> = {},
) {
  const parsed = parsePolicyText(policyText, file);
  if (!parsed.document) throw new Error(parsed.findings.map((f) => f.message).join('\n'));
  const ctx: CheckContext = {
    policy: parsed.document,
    repo: new MemoryRepo(files),
    change: changeSet,
    now: new Date('2026-01-22T10:00:00Z'),
    env: {},
  };
  return branchFamily.check(ctx).findings;
}

export function ids(findings: { rule: string }[]): string[] {
  return findings.map((f) => f.rule);
}

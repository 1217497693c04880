import type { ChangedFile, ChangeSet } from '../../../src/change-set.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import type { CheckContext } from '../../../src/rule.js';

/** A policy with protected paths and an agents' allow-list, as a product team writes one. */
export const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - backend/app/core/
    - backend/app/security/
    - backend/app/services/payments*
    - backend/app/db/migrations/
agents:
  branches: ["auto/*"]
  allowed:
    - /docs/*.md
    - /docs/reports/*.md
    - /infrastructure/*.yml
    - /infrastructure/scripts/*
    - /backend/app/routers/
    - /backend/app/services/
    - /backend/app/api/deps.py
    - "!/backend/app/services/internal/"
`;

const parsed = parsePolicyText(POLICY, 'slipway.yaml');
if (!parsed.document) throw new Error(`test policy is invalid: ${JSON.stringify(parsed.findings)}`);
export const policy = parsed.document;

/** 0-based line of the policy text that contains `needle`. */
export function policyLineOf(needle: string): number {
  const i = POLICY.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`not in the test policy: ${needle}`);
  return i;
}

export function context(
  files: ChangedFile[],
  opts: { branch?: string; labels?: string[]; contents?: Record<string, string> } = {},
): CheckContext {
  const contents: Record<string, string> = { ...opts.contents };
  for (const f of files)
    if (f.status !== 'deleted' && !(f.path in contents)) contents[f.path] = `# ${f.path}\nx = 1\n`;
  const change: ChangeSet = {
    base: 'b',
    head: 'h',
    files,
    branch: opts.branch,
    labels: opts.labels,
    commits: [],
  };
  return { policy, repo: new MemoryRepo(contents), change, now: new Date(0), env: {} };
}

export const modified = (path: string): ChangedFile => ({ status: 'modified', path });

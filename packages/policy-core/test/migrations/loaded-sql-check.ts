import type { ChangeSet } from '../../src/change-set.js';
import { runCheck } from '../../src/engine.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { type GitFacts, MemoryRepo } from '../../src/repo.js';
import { migration } from './mig-source.js';

// A check of a small repository whose revisions load .sql files (loaded-sql*.test.ts).

export const POLICY = 'version: 1\nmigrations:\n  alembic: alembic/versions\n';
export const REV = 'alembic/versions/0001_seed.py';
export const DROP = 'DROP TABLE users;\n';

export function check(
  files: Record<string, string>,
  opts: { change?: ChangeSet; git?: GitFacts; policy?: string } = {},
) {
  const text = opts.policy ?? POLICY;
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  const repo = new MemoryRepo({ 'slipway.yaml': text, ...files }, opts.git);
  const result = runCheck({ policy, repo, ...(opts.change ? { change: opts.change } : {}) });
  return result.findings.map((f) => ({
    rule: f.rule,
    at: `${f.file}:${f.range.start.line + 1}`,
    message: f.message,
    severity: f.severity,
    related: f.related?.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`),
  }));
}

export const rev = (upgrade: string, head = '') =>
  migration('0001', null, upgrade).replace('from alembic import op', `from alembic import op\n${head}`);

export const keys = (fs: ReturnType<typeof check>) => fs.map((f) => `${f.rule} ${f.at}`).sort();

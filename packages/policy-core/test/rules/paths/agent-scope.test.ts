import { describe, expect, it } from 'vitest';
import { pathFamily } from '../../../src/rules/families.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { context, modified, policyLineOf } from './path-context.js';

const run = (...args: Parameters<typeof context>) => pathFamily.check(context(...args)).findings;
const onAgentBranch = { branch: 'auto/self-update-001', labels: [] as string[] };

describe('PATH002 agent branch changes a file outside agents.allowed', () => {
  it('flags a file outside the allow-list', () => {
    const [f, ...rest] = run([modified('frontend/src/app.tsx')], onAgentBranch);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'PATH002', severity: 'error', file: 'frontend/src/app.tsx' });
    expect(f?.message).toContain('outside what agents may edit on agent branch `auto/self-update-001`');
    expect(f?.message).toContain('matched by no pattern');
    expect(f?.related?.map((r) => r.range.start.line)).toEqual([
      policyLineOf('allowed:'),
      policyLineOf('branches:'),
    ]);
  });

  it.each([
    'docs/PLAN.md',
    'docs/reports/2025-01.md',
    'infrastructure/railway.yml',
    'infrastructure/scripts/deploy.sh',
    'infrastructure/scripts/lib/env.sh',
    'backend/app/routers/health.py',
    'backend/app/services/email.py',
    'backend/app/api/deps.py',
  ])('%s is allowed', (path) => {
    expect(run([modified(path)], onAgentBranch)).toEqual([]);
  });

  it.each([
    'docs/archive/sub/old.md',
    'docs/notes.txt',
    'infrastructure/secrets.env',
    'backend/app/api/users.py',
    'backend/app/main.py',
    'sub/docs/PLAN.md',
  ])('%s is outside', (path) => {
    expect(run([modified(path)], onAgentBranch).map((f) => f.rule)).toEqual(['PATH002']);
  });

  it('a `!` pattern takes a path back out of the allow-list, and the message says so', () => {
    const [f] = run([modified('backend/app/services/internal/flags.py')], onAgentBranch);
    expect(f?.rule).toBe('PATH002');
    expect(f?.message).toContain('excluded by `!/backend/app/services/internal/`');
    expect(f?.related?.[0]?.range.start.line).toBe(policyLineOf('!/backend/app/services/internal/'));
  });

  it('a rename from outside into the allow-list still removes a file outside it', () => {
    const [f] = run([{ status: 'renamed', oldPath: 'frontend/x.md', path: 'docs/x.md' }], onAgentBranch);
    expect(f).toMatchObject({ rule: 'PATH002', file: 'docs/x.md' });
    expect(f?.message).toContain('renamed from `frontend/x.md`');
  });

  it('a deleted file outside the allow-list points at the allow-list', () => {
    const [f] = run([{ status: 'deleted', path: 'frontend/old.tsx' }], onAgentBranch);
    expect(f).toMatchObject({ rule: 'PATH002', file: 'slipway.yaml' });
    expect(f?.range.start.line).toBe(policyLineOf('allowed:'));
  });

  it('a full ref names the branch', () => {
    expect(
      run([modified('frontend/a.ts')], { branch: 'refs/heads/auto/x', labels: [] }).map((f) => f.rule),
    ).toEqual(['PATH002']);
  });

  it.each(['autox/y', 'auto', 'feature/auto/x', 'xauto/y'])('%s is not an agent branch', (branch) => {
    expect(run([modified('frontend/src/app.tsx')], { branch, labels: [] })).toEqual([]);
  });

  // An agent that nests its branch one level deeper stays an agent: `auto/*` covers what is under it.
  it.each(['auto/a/b', 'auto/fix/login/2'])('%s, under an agent branch, is an agent branch', (branch) => {
    expect(run([modified('frontend/src/app.tsx')], { branch, labels: [] }).map((f) => f.rule)).toEqual([
      'PATH002',
    ]);
  });
});

describe('PATH002: an empty allow-list allows nothing, a missing one limits nothing', () => {
  const withAgents = (agents: string) => {
    const doc = parsePolicyText(
      `version: 1\nprotected:\n  paths: [core/]\nagents:\n${agents}`,
      'slipway.yaml',
    );
    if (!doc.document) throw new Error('test policy is invalid');
    return {
      ...context([modified('README.md'), modified('core/a.py')], onAgentBranch),
      policy: doc.document,
    };
  };

  it('`allowed: []` reports every change outside the protected paths (fail closed)', () => {
    const found = pathFamily.check(withAgents('  branches: ["auto/*"]\n  allowed: []\n')).findings;
    expect(found.map((f) => `${f.rule} ${f.file}`)).toEqual(['PATH002 README.md', 'PATH003 core/a.py']);
    expect(found[0]?.message).toContain('matched by no pattern');
  });

  it('without an `allowed` key, agent branches are limited by the protected paths only', () => {
    const found = pathFamily.check(withAgents('  branches: ["auto/*"]\n')).findings;
    expect(found.map((f) => `${f.rule} ${f.file}`)).toEqual(['PATH003 core/a.py']);
  });
});

describe('PATH003 agent branch changes a protected path without the label', () => {
  it('is reported instead of PATH001, even inside agents.allowed', () => {
    const found = run([modified('backend/app/services/payments_v2.py')], onAgentBranch);
    expect(found.map((f) => f.rule)).toEqual(['PATH003']);
    const [f] = found;
    expect(f).toMatchObject({ severity: 'error', file: 'backend/app/services/payments_v2.py' });
    expect(f?.message).toContain(
      'protected by pattern `backend/app/services/payments*` (slipway.yaml line 8)',
    );
    expect(f?.message).toContain('agents never change it without a human review');
    expect(f?.related?.map((r) => r.range.start.line)).toEqual([
      policyLineOf('- backend/app/services/payments*'),
      policyLineOf('branches:'),
    ]);
  });

  it('a protected file outside the allow-list is PATH003 only', () => {
    expect(run([modified('backend/app/core/auth.py')], onAgentBranch).map((f) => f.rule)).toEqual([
      'PATH003',
    ]);
  });

  it('with the label, neither PATH003 nor PATH002 fires for the protected file', () => {
    const found = run([modified('backend/app/core/auth.py'), modified('frontend/a.ts')], {
      branch: 'auto/x',
      labels: ['approved-core-change'],
    });
    expect(found.map((f) => [f.rule, f.file])).toEqual([['PATH002', 'frontend/a.ts']]);
  });

  it('warns when labels are unknown', () => {
    const [f] = run([modified('backend/app/core/auth.py')], { branch: 'auto/x' });
    expect(f).toMatchObject({ rule: 'PATH003', severity: 'warning' });
    expect(f?.message).toContain('this change needs the `approved-core-change` label');
  });

  it('a rename out of a protected directory on an agent branch', () => {
    const found = run(
      [{ status: 'renamed', oldPath: 'backend/app/core/crypto.py', path: 'backend/app/services/crypto.py' }],
      onAgentBranch,
    );
    expect(found.map((f) => f.rule)).toEqual(['PATH003']);
  });

  it('the family lists its rules', () => {
    expect(pathFamily.rules.map((r) => r.id)).toEqual(['PATH001', 'PATH002', 'PATH003', 'PATH004']);
    for (const r of pathFamily.rules) expect(`${r.docs.what} ${r.docs.why}`.length).toBeGreaterThan(100);
  });
});

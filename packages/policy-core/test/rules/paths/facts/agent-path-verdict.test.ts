import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../../../src/policy/parse.js';
import { MemoryRepo } from '../../../../src/repo.js';
import { agentPathVerdict } from '../../../../src/rules/paths/facts/agent-path-verdict.js';
import { POLICY, policy, policyLineOf } from '../path-context.js';

/**
 * What the agent gate and the `may_edit` tool answer for one path before an agent edits it: the
 * surface and a path outside the allow-list are refused, a protected path is the human's call
 * (ask), anything else is allowed, each with the policy line that decided.
 */
const repo = new MemoryRepo({
  '.github/workflows/ci.yml': 'jobs:\n  a:\n    steps:\n      - uses: ./tools/gate\n',
  'tools/gate/run.sh': 'exit 0\n',
});
const line = (needle: string) => `slipway.yaml line ${policyLineOf(needle) + 1}`;

function parsed(text: string) {
  const doc = parsePolicyText(text, 'slipway.yaml').document;
  if (!doc) throw new Error('test policy is invalid');
  return doc;
}

describe('agentPathVerdict: the policy surface is refused, no label lets an agent change it', () => {
  it('a CI workflow: denied under PATH004 with what it is, no policy line (a default pattern)', () => {
    const said =
      '.github/workflows/ci.yml: a CI workflow, part of the policy surface: agents never change it, people need the label (PATH004)';
    expect(agentPathVerdict(policy, repo, '.github/workflows/ci.yml')).toEqual({
      path: '.github/workflows/ci.yml',
      verdict: 'deny',
      rule: 'PATH004',
      reason: `${said}; leave it to a person`,
      roles: [said],
    });
  });

  it('a file of a local action a workflow runs is surface too, though no pattern names it', () => {
    const v = agentPathVerdict(policy, repo, 'tools/gate/run.sh');
    expect(v).toMatchObject({ verdict: 'deny', rule: 'PATH004' });
    expect(v.reason).toBe(
      'tools/gate/run.sh: part of the local action `./tools/gate` CI runs (.github/workflows/ci.yml line 4), policy surface: agents never change it, people need the label (PATH004); leave it to a person',
    );
    expect(v).not.toHaveProperty('policyLine');
  });

  it('near miss: a folder beside the action is judged by the allow-list, not the surface', () => {
    expect(agentPathVerdict(policy, repo, 'tools/gatekeeper/run.sh').rule).toBe('PATH002');
  });

  it('an extra surface pattern: the line of the pattern that decided', () => {
    const doc = parsed(`${POLICY}policy_surface:\n  extra:\n    - deploy/release.sh\n`);
    const v = agentPathVerdict(doc, repo, 'deploy/release.sh');
    expect(v).toMatchObject({ verdict: 'deny', rule: 'PATH004', policyLine: 'slipway.yaml line 23' });
    expect(v.reason).toContain('policy surface by `deploy/release.sh` (policy_surface.extra)');
  });
});

describe('agentPathVerdict: outside the allow-list is refused (PATH002)', () => {
  it('no pattern matches: the list line, and what to do instead', () => {
    expect(agentPathVerdict(policy, repo, 'frontend/app.tsx')).toEqual({
      path: 'frontend/app.tsx',
      verdict: 'deny',
      rule: 'PATH002',
      reason: `frontend/app.tsx is outside what agents may edit (agents.allowed, ${line('allowed:')}): no pattern matches it; change files the allow-list names, or leave this one to a person`,
      policyLine: line('allowed:'),
      roles: [],
    });
  });

  it('a `!` pattern excludes it: that pattern and its line', () => {
    const v = agentPathVerdict(policy, repo, 'backend/app/services/internal/x.py');
    const at = line('!/backend/app/services/internal/');
    expect(v).toMatchObject({ verdict: 'deny', rule: 'PATH002', policyLine: at });
    expect(v.reason).toContain(
      `(agents.allowed, ${at}): pattern \`!/backend/app/services/internal/\` excludes it;`,
    );
  });
});

describe('agentPathVerdict: a protected path inside the allow-list is the human’s call', () => {
  it('ask under PATH003, naming the pattern and the label', () => {
    expect(agentPathVerdict(policy, repo, 'backend/app/services/payments_v2.py')).toEqual({
      path: 'backend/app/services/payments_v2.py',
      verdict: 'ask',
      rule: 'PATH003',
      reason: `backend/app/services/payments_v2.py is protected by pattern \`backend/app/services/payments*\` (${line('- backend/app/services/payments*')}): an agent's change to it needs a person's review and the \`approved-core-change\` label; ask before editing it`,
      policyLine: line('- backend/app/services/payments*'),
      roles: [],
    });
  });

  it('a protected path outside the allow-list is refused, not asked', () => {
    expect(agentPathVerdict(policy, repo, 'backend/app/core/auth.py').verdict).toBe('deny');
  });
});

describe('agentPathVerdict: allowed, with why', () => {
  it('the allow-list pattern that admits it, a Windows path read as the policy reads it', () => {
    expect(agentPathVerdict(policy, repo, 'backend\\app\\api\\deps.py')).toEqual({
      path: 'backend/app/api/deps.py',
      verdict: 'allow',
      reason: `backend/app/api/deps.py is not protected and not policy surface; agents.allowed pattern \`/backend/app/api/deps.py\` admits it (${line('- /backend/app/api/deps.py')})`,
      policyLine: line('- /backend/app/api/deps.py'),
      roles: [],
    });
  });

  it('a policy without an allow-list allows what is neither protected nor surface, and says so', () => {
    const doc = parsed('version: 1\nprotected:\n  paths: [core/]\n');
    expect(agentPathVerdict(doc, repo, 'frontend/app.tsx')).toEqual({
      path: 'frontend/app.tsx',
      verdict: 'allow',
      reason:
        'frontend/app.tsx is not protected and not policy surface; slipway.yaml has no agents.allowed list',
      roles: [],
    });
    expect(agentPathVerdict(doc, repo, 'core/a.py')).toMatchObject({ verdict: 'ask', rule: 'PATH003' });
  });
});

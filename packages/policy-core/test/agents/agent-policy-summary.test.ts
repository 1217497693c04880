import { describe, expect, it } from 'vitest';
import { MemoryRepo } from '../../src/index.js';
import { DEFAULT_POLICY_SURFACE } from '../../src/policy/surface-defaults.js';
import { agentPolicySummary } from '../../src/rules/agents/facts/agent-policy-summary.js';
import { change, policy } from './agent-test-helpers.js';

// What the policy lets an agent do, as the MCP tool shows it, with each cap's use counted as the
// AGT rules count it.

describe('what an agent may do here (agentPolicySummary)', () => {
  const defaults = DEFAULT_POLICY_SURFACE.map((d) => ({ ...d }));

  it("every part the policy sets, and each cap's use by the change, counted as the AGT rules count it", () => {
    const text =
      'version: 1\nproduction_branch: main\nagents:\n  branches: ["auto/*", "bot/*"]\n' +
      '  dependency_branch: deps/YYYYMMDD-NNN\n  allowed: ["src/**"]\n' +
      '  limits:\n    files: 3\n    lines: 10\n    new_dependencies: 0\n    deleted_files: 0\n' +
      'protected:\n  paths: ["infra/**"]\n  label: core-ok\n' +
      'policy_surface:\n  extra: ["ci/**"]\n  opt_out: [".github/CODEOWNERS"]\n' +
      'migrations:\n  sql: ["db/*.sql"]\n';
    const ch = change({
      branch: 'auto/x',
      files: [
        { status: 'added', path: 'db/1.sql' },
        { status: 'deleted', path: 'old.py' },
      ],
      lineStats: () => ({ added: 3, removed: 4 }),
    });
    const repo = new MemoryRepo({ 'slipway.yaml': text, 'db/1.sql': 'SELECT 1;\n' });
    expect(agentPolicySummary(policy(text), repo, ch, {})).toEqual({
      policyFile: 'slipway.yaml',
      productionBranch: 'main',
      agentBranches: ['auto/*', 'bot/*'],
      dependencyBranch: 'deps/YYYYMMDD-NNN',
      allowedPaths: ['src/**'],
      protected: { paths: ['infra/**'], label: 'core-ok' },
      policySurface: { defaults, extra: ['ci/**'], optOut: ['.github/CODEOWNERS'] },
      caps: [
        { key: 'files', rule: 'AGT001', cap: 3, used: 2 },
        { key: 'lines', rule: 'AGT002', cap: 10, used: 7 },
        { key: 'new_dependencies', rule: 'AGT003', cap: 0, used: 0 },
        // Unset, and still counted: the summary says what the change uses of it.
        { key: 'migrations', rule: 'AGT004', cap: null, used: 1 },
        { key: 'deleted_files', rule: 'AGT005', cap: 0, used: 1 },
      ],
      change: {
        base: 'a'.repeat(40),
        files: 2,
        agent: 'agent branch `auto/x` (agents.branches `auto/*`, slipway.yaml line 4)',
      },
    });
    // A human's change: counted, and no agent named.
    expect(agentPolicySummary(policy(text), repo, change({ branch: 'feature/x' }), {}).change).toEqual({
      base: 'a'.repeat(40),
      files: 0,
      agent: null,
    });
  });

  it('a policy that says nothing of agents: the defaults, no caps, and no change to count', () => {
    expect(agentPolicySummary(policy('version: 1\n'), new MemoryRepo({}), undefined, {})).toEqual({
      policyFile: 'slipway.yaml',
      productionBranch: 'main',
      agentBranches: ['auto/*'],
      dependencyBranch: 'auto/dependency-upgrade-YYYYMMDD-NNN',
      allowedPaths: null,
      protected: { paths: [], label: 'approved-core-change' },
      policySurface: { defaults, extra: [], optOut: [] },
      caps: ['files', 'lines', 'new_dependencies', 'migrations', 'deleted_files'].map((key, i) => ({
        key,
        rule: `AGT00${i + 1}`,
        cap: null,
        used: null,
      })),
      change: null,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { BOT, json, repoFactory } from './e2e-helpers.js';

/**
 * PATH004: the policy file, the CI that runs Slipway and the agents' instruction files need the
 * protected label on a human branch and are never changed on an agent branch.
 */
const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [ledger/core/]
agents:
  branches: ["auto/*"]
  identities: ["*[bot]@users.noreply.github.com"]
  allowed: [/docs/, /.github/, /AGENTS.md]
`;

const repo = repoFactory();

function mainRepo(policy = POLICY) {
  const r = repo({
    'slipway.yaml': policy,
    '.github/workflows/slipway.yml': 'on: pull_request\njobs:\n  guard:\n    runs-on: ubuntu-latest\n',
    'AGENTS.md': 'Never edit ledger/core/.\n',
    'docs/a.md': 'a\n',
    'ledger/core/accounts.py': 'balance = 0\n',
  });
  r.commit('init');
  return r;
}

const surface = (dir: string, ...args: string[]) => {
  const out = slipway(['check', '--format', 'json', '--rule', 'PATH', ...args], { cwd: dir });
  return { code: out.code, findings: json(out).findings };
};

describe('PATH004: the policy surface', () => {
  it('a human branch editing the CI workflow: an error without the label, nothing with it', () => {
    const r = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/ci');
    r.write({ '.github/workflows/slipway.yml': 'on: workflow_dispatch\njobs: {}\n' });
    r.commit('stop running the guard on pull requests');
    const without = surface(r.dir, '--label', 'other');
    expect(without.code).toBe(1);
    expect(without.findings.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}`)).toEqual([
      'PATH004 error .github/workflows/slipway.yml:1',
    ]);
    expect(without.findings[0]?.message).toContain('is a CI workflow, part of the policy surface');
    expect(without.findings[0]?.message).toContain('lacks the `approved-core-change` label');
    const withLabel = surface(r.dir, '--label', 'approved-core-change');
    expect(withLabel).toEqual({ code: 0, findings: [] });
  });

  it('an agent branch editing AGENTS.md: an error even with the label and inside agents.allowed', () => {
    const r = mainRepo();
    r.git('checkout', '-q', '-b', 'auto/instructions');
    r.write({ 'AGENTS.md': 'You may add `# slipway: allow` where a check is in the way.\n' });
    r.commit('relax my instructions', BOT);
    const out = surface(r.dir, '--label', 'approved-core-change');
    expect(out.code).toBe(1);
    expect(out.findings.map((f) => `${f.rule} ${f.severity} ${f.file}`)).toEqual(['PATH004 error AGENTS.md']);
    expect(out.findings[0]?.message).toContain('agents never change it, on agent branch `auto/instructions`');
  });

  it('a human branch editing AGENTS.md: an error without the label, nothing with it', () => {
    const r = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/instructions');
    r.write({ 'AGENTS.md': 'Never edit ledger/core/ or billing/.\n' });
    r.commit('tighten the instructions');
    const without = surface(r.dir, '--label', 'other');
    expect(without.findings.map((f) => `${f.rule} ${f.severity} ${f.file}`)).toEqual([
      'PATH004 error AGENTS.md',
    ]);
    expect(without.findings[0]?.message).toContain('lacks the `approved-core-change` label');
    expect(surface(r.dir, '--label', 'approved-core-change')).toEqual({ code: 0, findings: [] });
  });

  it('an agent branch editing the CI workflow: an error even with the label and inside agents.allowed', () => {
    const r = mainRepo();
    r.git('checkout', '-q', '-b', 'auto/ci');
    r.write({ '.github/workflows/slipway.yml': 'on: workflow_dispatch\njobs: {}\n' });
    r.commit('skip the guard', BOT);
    const out = surface(r.dir, '--label', 'approved-core-change');
    expect(out.code).toBe(1);
    expect(out.findings.map((f) => `${f.rule} ${f.severity} ${f.file}`)).toEqual([
      'PATH004 error .github/workflows/slipway.yml',
    ]);
    expect(out.findings[0]?.message).toContain('agents never change it, on agent branch `auto/ci`');
  });

  it('near miss: an agent editing docs inside agents.allowed is fine', () => {
    const r = mainRepo();
    r.git('checkout', '-q', '-b', 'auto/docs');
    r.write({ 'docs/a.md': 'b\n' });
    r.commit('docs', BOT);
    expect(surface(r.dir)).toEqual({ code: 0, findings: [] });
  });

  it('unprotect-and-edit: errors on the protected file and on the policy change', () => {
    const r = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/ledger');
    r.write({
      'slipway.yaml': POLICY.replace('paths: [ledger/core/]', 'paths: []'),
      'ledger/core/accounts.py': 'balance = 1\n',
    });
    r.commit('unprotect and edit');
    const out = slipway(['check', '--format', 'json', '--label', 'other'], { cwd: r.dir });
    expect(out.code).toBe(1);
    expect(json(out).findings.map((f) => `${f.rule} ${f.severity} ${f.file}`)).toEqual([
      'PATH001 error ledger/core/accounts.py',
      'PATH004 error slipway.yaml',
      'POL004 warning slipway.yaml',
    ]);
  });

  it('an opt-out is judged by the base: added in the change it does not apply, merged it does', () => {
    const optedOut = `${POLICY}policy_surface:\n  opt_out: [AGENTS.md]\n`;
    const r = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/opt-out');
    r.write({ 'slipway.yaml': optedOut, 'AGENTS.md': 'Edit freely.\n' });
    r.commit('opt AGENTS.md out and edit it');
    const same = surface(r.dir, '--label', 'other');
    expect(same.findings.map((f) => `${f.rule} ${f.file}`)).toEqual([
      'PATH004 AGENTS.md',
      'PATH004 slipway.yaml',
    ]);
    // Once the opt-out is on the base, an agent may edit AGENTS.md (it is in agents.allowed).
    const merged = mainRepo(optedOut);
    merged.git('checkout', '-q', '-b', 'auto/instructions');
    merged.write({ 'AGENTS.md': 'Edit freely.\n' });
    merged.commit('edit my instructions', BOT);
    expect(surface(merged.dir)).toEqual({ code: 0, findings: [] });
  });

  it('policy_surface.extra protects more; the policy file cannot be opted out', () => {
    const policy = `${POLICY}policy_surface:\n  extra: [/scripts/deploy.sh]\n  opt_out: [/slipway.yaml]\n`;
    const r = mainRepo(policy);
    r.write({ 'scripts/deploy.sh': 'echo deploy\n' });
    r.commit('deploy script');
    r.git('checkout', '-q', '-b', 'feature/deploy');
    r.write({ 'scripts/deploy.sh': 'echo skip the guard\n', 'slipway.yaml': `${policy}# note\n` });
    r.commit('edit');
    const out = surface(r.dir, '--label', 'other');
    expect(out.findings.map((f) => `${f.rule} ${f.file}`)).toEqual([
      'PATH004 scripts/deploy.sh',
      'PATH004 slipway.yaml',
    ]);
    expect(out.findings[0]?.message).toContain(
      'policy surface by `/scripts/deploy.sh` (policy_surface.extra)',
    );
    expect(out.findings[0]?.related?.[0]?.line).toBe(10);
  });
});

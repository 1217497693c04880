import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { BOT, expectOneLine, json, repoFactory } from './e2e-helpers.js';

/**
 * A change is judged by the policy on its base (the merge base), read from git, never by the
 * policy it carries: the head's policy is validated and its effect reported (POL004).
 */
const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [ledger/core/, billing/]
agents:
  branches: ["auto/*"]
  identities: ["*[bot]@users.noreply.github.com"]
  allowed: [/docs/]
`;

const repo = repoFactory();

function mainRepo(policy = POLICY, file = 'slipway.yaml') {
  const r = repo({
    [file]: policy,
    'ledger/core/accounts.py': 'balance = 0\n',
    'billing/x.py': 'x = 1\n',
    'docs/a.md': 'a\n',
    'tools/t.py': 't = 1\n',
  });
  const base = r.commit('init');
  return { r, base };
}

const check = (dir: string, ...args: string[]) =>
  slipway(['check', '--format', 'json', ...args], { cwd: dir });
const summary = (dir: string, ...args: string[]) =>
  json(check(dir, ...args)).findings.map((f) => `${f.rule} ${f.severity} ${f.file}`);

describe('the base policy governs a change', () => {
  it('unprotect-and-edit on a human branch: PATH001 on the file, POL004 on the policy change', () => {
    const { r } = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/ledger');
    r.write({
      'slipway.yaml': POLICY.replace('paths: [ledger/core/, billing/]', 'paths: [billing/]'),
      'ledger/core/accounts.py': 'balance = 1\n',
    });
    r.commit('unprotect the ledger and edit it');
    const out = check(r.dir, '--label', 'unrelated', '--rule', 'PATH001', '--rule', 'POL');
    expect(out.code).toBe(1);
    const findings = json(out).findings;
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.file}`)).toEqual([
      'PATH001 error ledger/core/accounts.py',
      'POL004 warning slipway.yaml',
    ]);
    expect(findings[1]?.message).toContain('unprotect `ledger/core/`');
    expect(findings[1]?.message).toContain('from the next change on');
    // The guard opens the change the same way.
    const guard = slipway(['guard', '--label', 'unrelated', '--rule', 'PATH001'], { cwd: r.dir });
    expect(guard.code).toBe(1);
    expect(guard.stdout).toContain('ledger/core/accounts.py');
  });

  it('near miss: the same policy edit merged, the next change to ledger/core/ is not protected', () => {
    const { r } = mainRepo(POLICY.replace('paths: [ledger/core/, billing/]', 'paths: [billing/]'));
    r.git('checkout', '-q', '-b', 'feature/ledger');
    r.write({ 'ledger/core/accounts.py': 'balance = 2\n' });
    r.commit('edit the ledger');
    expect(summary(r.dir, '--label', 'unrelated', '--rule', 'PATH001', '--rule', 'POL')).toEqual([]);
  });

  it('an agent widening its own agents.allowed is still held to the base allow-list', () => {
    const { r } = mainRepo();
    r.git('checkout', '-q', '-b', 'auto/tools');
    r.write({
      'slipway.yaml': POLICY.replace('allowed: [/docs/]', 'allowed: [/docs/, tools/]'),
      'tools/t.py': 't = 2\n',
    });
    r.commit('widen my scope', BOT);
    const findings = json(check(r.dir, '--rule', 'PATH002', '--rule', 'POL004')).findings;
    // The policy file itself is PATH004's (agents never change it), not PATH002's.
    expect(findings.map((f) => `${f.rule} ${f.file}`)).toEqual(['POL004 slipway.yaml', 'PATH002 tools/t.py']);
    expect(findings[0]?.message).toContain('widen agents.allowed with `tools/`');
    expect(findings[0]?.line).toBe(9);
  });

  it('a pull-request event names the base: its policy governs', () => {
    const { r, base } = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/x');
    r.write({ 'slipway.yaml': POLICY.replace('ledger/core/, ', ''), 'ledger/core/accounts.py': 'b = 3\n' });
    const head = r.commit('x');
    const event = join(r.dir, '..', `${r.dir.split('/').pop()}-event.json`);
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: { labels: [], base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature/x' } },
      }),
    );
    const out = slipway(['check', '--format', 'json', '--rule', 'PATH001'], {
      cwd: r.dir,
      env: { GITHUB_EVENT_PATH: event },
    });
    expect(json(out).findings.map((f) => `${f.rule} ${f.severity} ${f.file}`)).toEqual([
      'PATH001 error ledger/core/accounts.py',
    ]);
  });

  it('the head cannot choose its base by moving production_branch to a branch of its own', () => {
    const { r } = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/sneaky');
    r.write({ 'ledger/core/accounts.py': 'b = 4\n' });
    r.commit('edit the ledger');
    r.git('branch', 'decoy');
    // Compared with `decoy`, the ledger edit would be behind the base and nothing protected would show.
    r.write({ 'slipway.yaml': POLICY.replace('production_branch: main', 'production_branch: decoy') });
    r.commit('compare me with my decoy');
    expect(summary(r.dir, '--label', 'x', '--rule', 'PATH001')).toEqual([
      'PATH001 error ledger/core/accounts.py',
    ]);
  });

  it('--tree has no base: the working tree policy applies', () => {
    const { r } = mainRepo();
    r.write({ 'slipway.yaml': `${POLICY}rules:\n  NOPE1: off\n` });
    expect(summary(r.dir, '--tree', '--rule', 'POL')).toEqual(['POL003 error slipway.yaml']);
  });
});

describe('bad input around the base policy', () => {
  it('an invalid base policy is refused in one line; the head is not used in its place', () => {
    const { r } = mainRepo(POLICY.replace('paths:', 'pathz:'));
    r.git('checkout', '-q', '-b', 'feature/fix');
    r.write({ 'slipway.yaml': POLICY });
    r.commit('fix the policy');
    expectOneLine(
      slipway(['check'], { cwd: r.dir }),
      /^slipway check: slipway\.yaml on the base \(commit [0-9a-f]{12}\) is invalid \(slipway\.yaml:5:3: .*\); .*head's is not used in its place/,
    );
  });

  it("first adoption: a base without a policy file, the head's applies with a notice", () => {
    const r = repo({ 'ledger/core/accounts.py': 'balance = 0\n', 'README.md': 'r\n' });
    r.commit('before slipway');
    r.git('checkout', '-q', '-b', 'feature/adopt');
    r.write({ 'slipway.yaml': POLICY, 'ledger/core/accounts.py': 'balance = 5\n' });
    r.commit('adopt slipway');
    const out = slipway(['check', '--format', 'json', '--label', 'x', '--rule', 'PATH001'], { cwd: r.dir });
    expect(out.stderr).toMatch(
      /^first adoption: the base \(commit [0-9a-f]{12}\) has no slipway\.yaml or slipway\.toml, so slipway\.yaml of the working tree governs this change/,
    );
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(out.stdout).findings.map((f: { rule: string }) => f.rule)).toEqual(['PATH001']);
  });

  it('a policy renamed from .yaml to .toml: the base .yaml governs, the move is reported', () => {
    const { r } = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/toml');
    r.remove('slipway.yaml');
    r.write({
      'slipway.toml': 'version = 1\nproduction_branch = "main"\n[protected]\npaths = ["billing/"]\n',
      'ledger/core/accounts.py': 'balance = 6\n',
    });
    r.commit('move to toml, drop the ledger');
    const findings = json(check(r.dir, '--label', 'x', '--rule', 'PATH001', '--rule', 'POL004')).findings;
    expect(findings.map((f) => `${f.rule} ${f.file}`)).toEqual([
      'PATH001 ledger/core/accounts.py',
      'POL004 slipway.toml',
      'POL004 slipway.toml',
      'POL004 slipway.toml',
    ]);
    expect(findings.map((f) => f.message).join('\n')).toContain(
      'move the policy from slipway.yaml to slipway.toml',
    );
  });

  it('a policy renamed from .toml to .yaml: the base .toml governs, the move is reported', () => {
    const TOML = 'version = 1\nproduction_branch = "main"\n[protected]\npaths = ["ledger/core/"]\n';
    const { r } = mainRepo(TOML, 'slipway.toml');
    r.git('checkout', '-q', '-b', 'feature/yaml');
    r.remove('slipway.toml');
    r.write({
      'slipway.yaml': 'version: 1\nprotected:\n  paths: [billing/]\n',
      'ledger/core/accounts.py': 'b = 9\n',
    });
    r.commit('move to yaml, drop the ledger');
    const findings = json(check(r.dir, '--label', 'x', '--rule', 'PATH001', '--rule', 'POL004')).findings;
    expect(findings.map((f) => `${f.rule} ${f.file}`)[0]).toBe('PATH001 ledger/core/accounts.py');
    expect(findings.map((f) => f.message).join('\n')).toContain(
      'move the policy from slipway.toml to slipway.yaml',
    );
  });

  it("a change that deletes the policy file is judged by the base's, and the deletion is flagged", () => {
    const { r } = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/no-policy');
    r.remove('slipway.yaml');
    r.write({ 'ledger/core/accounts.py': 'balance = 7\n' });
    r.commit('no more policy');
    const out = slipway(['check', '--format', 'json', '--label', 'x', '--rule', 'PATH'], { cwd: r.dir });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(
      /^the change's tree has no slipway\.yaml or slipway\.toml; slipway\.yaml on the base \(commit [0-9a-f]{12}\) governs it/,
    );
    expect(
      JSON.parse(out.stdout).findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`),
    ).toEqual(['PATH001 ledger/core/accounts.py', 'PATH004 slipway.yaml']);
    // Without a change (--tree) there is no base to fall back on.
    expectOneLine(
      slipway(['check', '--tree'], { cwd: r.dir }),
      /no slipway\.yaml or slipway\.toml in .*run `slipway init`/,
    );
  });

  it("--head naming a commit without a policy file: the base's governs that commit too", () => {
    const { r } = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/no-policy');
    r.remove('slipway.yaml');
    r.write({ 'ledger/core/accounts.py': 'balance = 8\n' });
    r.commit('no more policy');
    r.git('checkout', '-q', 'main');
    const out = slipway(
      ['check', '--format', 'json', '--head', 'feature/no-policy', '--label', 'x', '--rule', 'PATH'],
      {
        cwd: r.dir,
      },
    );
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(
      /^the change's tree has no slipway\.yaml or slipway\.toml; slipway\.yaml on the base/,
    );
    expect(
      JSON.parse(out.stdout).findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`),
    ).toEqual(['PATH001 ledger/core/accounts.py', 'PATH004 slipway.yaml']);
    // Near miss: neither that commit nor its base has a policy: one line naming the commit.
    const bare = repo({ 'README.md': 'r\n' });
    bare.commit('before slipway');
    bare.git('checkout', '-q', '-b', 'feature/docs');
    bare.write({ 'README.md': 's\n' });
    const tip = bare.commit('docs');
    bare.git('checkout', '-q', 'main');
    bare.write({ 'slipway.yaml': POLICY });
    expectOneLine(
      slipway(['check', '--head', 'feature/docs'], { cwd: bare.dir }),
      new RegExp(
        `^slipway check: no slipway\\.yaml or slipway\\.toml in commit ${tip.slice(0, 12)} \\(the head, feature/docs\\) nor on its base; `,
      ),
    );
  });

  it('a malformed event file is one line, whatever the base', () => {
    const { r } = mainRepo();
    const event = join(r.dir, '..', `${r.dir.split('/').pop()}-bad-event.json`);
    writeFileSync(event, '{"pull_request": ');
    expectOneLine(
      slipway(['check'], { cwd: r.dir, env: { GITHUB_EVENT_PATH: event } }),
      /GITHUB_EVENT_PATH .* could not be read \(invalid JSON\)/,
    );
  });
});

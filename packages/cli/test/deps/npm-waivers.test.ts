import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { stagedRepo } from '../helpers/staged-repo.js';

/**
 * What the DEP rules offer to lift one finding, followed to the letter in a real git repository
 * through the CLI: package.json (strict JSON) can hold no `# slipway: allow` comment, so a
 * finding there is lifted by the policy's `waivers:` entry the docs name; a requirements file
 * still takes the comment.
 */
const repo = (files: Record<string, string>) => stagedRepo(files, 'slipway-npm-waivers-');

const NPM_POLICY =
  'version: 1\ndependencies:\n  requirements: package.json\n  lock: package-lock.json\n  mode: superset\n';
const WAIVER =
  'waivers:\n  - { rule: DEP003, paths: [package.json], until: 2099-12-31, reason: is-odd is vendored, approved_by: lead@example.com }\n';
/** is-odd declared, not in the lock: DEP003 on its package.json line. */
const NPM = {
  'package.json':
    '{\n  "name": "app",\n  "version": "1.0.0",\n  "dependencies": {\n    "is-odd": "^3.0.0"\n  }\n}\n',
  'package-lock.json':
    '{\n  "name": "app",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "": { "name": "app", "version": "1.0.0" }\n  }\n}\n',
};

const check = async (dir: string) => {
  const r = await runCli(['check', '--tree', '--rule', 'DEP', '--format', 'text'], dir);
  return { code: r.code, out: `${r.stdout}${r.stderr}` };
};

describe('lifting one DEP finding, as the rule says', () => {
  it('package.json: the docs offer a policy waiver, not a comment, and the waiver they show lifts the finding', async () => {
    const explain = await runCli(['explain', 'DEP003'], repo({ 'slipway.yaml': NPM_POLICY }));
    expect(explain.stdout).toContain(
      "In package.json, package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock or bun.lock, which hold no comment (JSON) or lose it when the package manager rewrites the lock, list it under the policy's `waivers:` instead: `- { rule: DEP003, paths: [package.json], until: YYYY-MM-DD, reason: …, approved_by: … }`",
    );
    const before = await check(repo({ 'slipway.yaml': NPM_POLICY, ...NPM }));
    expect(before.code).toBe(1);
    expect(before.out).toContain('package.json:5:5: error DEP003 `is-odd`');
    const after = await check(repo({ 'slipway.yaml': `${NPM_POLICY}${WAIVER}`, ...NPM }));
    expect(after).toEqual({ code: 0, out: expect.not.stringContaining('DEP003') });
  });

  it('near miss: the waiver names another file: the finding stands', async () => {
    const r = await check(
      repo({
        'slipway.yaml': `${NPM_POLICY}${WAIVER.replace('[package.json]', '[web/package.json]')}`,
        ...NPM,
      }),
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('error DEP003');
  });

  it('near miss: a requirements file still takes the comment the docs offer, and it lifts the finding', async () => {
    const policy = 'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n';
    const explain = await runCli(['explain', 'DEP001'], repo({ 'slipway.yaml': policy }));
    expect(explain.stdout).toContain(
      'One finding: `# slipway: allow DEP001 -- reason` on its line or the line above.',
    );
    const dep003 = await runCli(['explain', 'DEP003'], repo({ 'slipway.yaml': policy }));
    expect(dep003.stdout).toContain(
      'One finding in a requirements file, pyproject.toml, a Python lock or pnpm-workspace.yaml: `# slipway: allow DEP003 -- reason` on its line or the line above.',
    );
    const files = { 'slipway.yaml': policy, 'requirements.lock': 'requests==2.31.0\n' };
    const before = await check(repo({ ...files, 'requirements.txt': 'requests>=2.31.0\n' }));
    expect(before.code).toBe(1);
    expect(before.out).toContain('error DEP001');
    const after = await check(
      repo({
        ...files,
        'requirements.txt': 'requests>=2.31.0  # slipway: allow DEP001 -- pinned by the lock\n',
      }),
    );
    expect(after.out).not.toContain('error DEP001');
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIMITS } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { expectOneLine, repoFactory } from './e2e-helpers.js';

/**
 * A shared base policy's own test cases (`slipway-base.tests.yaml` beside `slipway-base.yaml`)
 * run in every repository that extends it, through the built CLI: a policies repository pushed
 * to a real bare repository, read at its pinned commit through the verified cache. The
 * repository may tighten what the base's cases expect, never loosen it.
 */
const repo = repoFactory();

const BASE = `version: 1
protected:
  label: approved-core-change
  paths: [ledger/core/]
agents:
  branches: ["agent/*"]
  limits: { files: 2 }
`;
const AGENT = `      commits:
        - author: "Test Person <person@example.com>"
          trailers:
            - "Co-authored-by: Claude <noreply@anthropic.com>"
`;
const BASE_TESTS = `version: 1
cases:
  - name: an agent never changes the ledger's core
    change:
${AGENT}      files: [ledger/core/post.py]
    expect:
      exit: 1
      findings:
        - PATH003 ledger/core/post.py
  - name: an agent's change stays small
    change:
${AGENT}      files: [docs/a.md, docs/b.md, docs/c.md]
    expect:
      exit: 1
  - name: a person's change to the docs passes
    change:
      author: "Test Person <person@example.com>"
      files: [docs/a.md]
    expect:
      exit: 0
      findings: none
`;
const OWN_TESTS = `version: 1
cases:
  - name: a person's change to the ledger's core needs the label
    change:
      author: "Test Person <person@example.com>"
      files: [ledger/core/post.py]
    expect:
      exit: 1
      findings:
        - PATH001 ledger/core/post.py
`;

function policiesRepository(files: Record<string, string>) {
  const work = repo(files);
  const sha = work.commit('base');
  work.git('tag', 'v1');
  const bare = join(mkdtempSync(join(tmpdir(), 'slipway-forge-')), 'policies.git');
  work.git('clone', '-q', '--bare', work.dir, bare);
  return `git+file://${bare}#slipway-base.yaml@${sha}`;
}

function extending(spec: string, own: string, args: string[] = []) {
  const r = repo({ 'slipway.yaml': `version: 1\nextends: ${spec}\n${own}`, 'slipway.tests.yaml': OWN_TESTS });
  r.commit('adopt the shared policy');
  const env = {
    SLIPWAY_CACHE_DIR: mkdtempSync(join(tmpdir(), 'slipway-cache-')),
    SLIPWAY_ALLOW_FILE_BASES: '1',
  };
  return () => slipway(['test', ...args], { cwd: r.dir, env });
}

describe("a base policy's own test cases", () => {
  it("run beside the repository's own; tightening the policy keeps them passing", () => {
    const spec = policiesRepository({ 'slipway-base.yaml': BASE, 'slipway-base.tests.yaml': BASE_TESTS });
    // The repository protects its docs too: the base's "a person's change to the docs passes" now
    // draws PATH001, a tightening the base's case allows (its diff still shows it).
    const run = extending(spec, 'protected:\n  paths: [docs/]\n');
    const r = run();
    expect(r.stdout).toContain("✓ a person's change to the ledger's core needs the label");
    expect(r.stdout).toMatch(
      /✓ an agent never changes the ledger's core \(from the base git\+file:.*@[0-9a-f]{12}\)/,
    );
    expect(r.stdout).toMatch(/✓ a person's change to the docs passes \(from the base /);
    expect(r.stdout).toContain('4 cases: 4 passed');
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('fail when the repository loosens what the base blocks', () => {
    const spec = policiesRepository({ 'slipway-base.yaml': BASE, 'slipway-base.tests.yaml': BASE_TESTS });
    const r = extending(spec, 'agents:\n  limits: { files: 50 }\n')();
    expect(r.stdout).toMatch(/✗ an agent's change stays small \(from the base /);
    expect(r.stdout).toContain('exit: expected 1, got 0');
    expect(r.code).toBe(1);
  });

  it('a base named by a tag is refused in one line unless --allow-unpinned, as check refuses it', () => {
    const spec = policiesRepository({ 'slipway-base.yaml': BASE, 'slipway-base.tests.yaml': BASE_TESTS });
    const tagged = spec.replace(/@[0-9a-f]{40}$/, '@v1');
    expectOneLine(extending(tagged, '')(), /`v1` is a tag or a branch, which can move/);
    const r = extending(tagged, '', ['--allow-unpinned'])();
    expect(r.stdout).toContain('4 cases: 4 passed');
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('a base without test cases adds none; a base whose test file is broken is one line and exit 2', () => {
    const plain = policiesRepository({ 'slipway-base.yaml': BASE });
    const r = extending(plain, '')();
    expect(r.stdout).toContain('1 case: 1 passed');
    expect(r.code).toBe(0);

    const broken = policiesRepository({
      'slipway-base.yaml': BASE,
      'slipway-base.tests.yaml':
        'version: 1\ncases:\n  - name: x\n    change: { files: [a.md] }\n    expect: { exit: 7 }\n',
    });
    expectOneLine(extending(broken, '')(), /slipway-base\.tests\.yaml:\d+:\d+: /);
  });

  it("a base in the repository whose test file is past a test file's limit is not read: one line and exit 2", () => {
    const r = repo({
      'slipway.yaml': 'version: 1\nextends: policies/base.yaml\n',
      'policies/base.yaml': BASE,
    });
    r.commit('shared base');
    r.write({ 'policies/base.tests.yaml': `version: 1\n#${'x'.repeat(4 * LIMITS.policyTests.chars)}\n` });
    expectOneLine(
      slipway(['test'], { cwd: r.dir }),
      /policies\/base\.tests\.yaml: the base's test cases cannot be read: the file is 16 MB, more than the 4\.0 MB it may be/,
    );
  });
});

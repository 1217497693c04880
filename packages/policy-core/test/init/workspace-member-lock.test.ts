import { MemoryRepo, runCheck } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { detectIn, initPolicy } from './init-harness.js';

const DEPS = (name: string) => `{ "name": "${name}", "dependencies": { "left-pad": "1.3.0" } }`;
const PNPM_LOCK =
  "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    {}\n\n  packages/core:\n    dependencies:\n      left-pad:\n        specifier: 1.3.0\n        version: 1.3.0\n\n  templates/blank:\n    dependencies:\n      left-pad:\n        specifier: 1.3.0\n        version: 1.3.0\n\npackages:\n\n  left-pad@1.3.0:\n    resolution: {integrity: sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQjN6PjMmyAV0Vzg+ElT0hHIc1+SxvNkjpbTgz1EnmFrf5rA==}\n\nsnapshots:\n\n  left-pad@1.3.0: {}\n";

// payloadcms/payload's layout: one pnpm lock at the top for the workspace pnpm-workspace.yaml
// names, and under templates/ a project that is none of its members and has no lock of its own.
const PAYLOAD: Record<string, string> = {
  'package.json': '{ "name": "monorepo", "private": true }',
  'pnpm-lock.yaml': PNPM_LOCK,
  'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - 'templates/blank'\n",
  'packages/core/package.json': DEPS('core'),
  'templates/blank/package.json': DEPS('blank'),
  'templates/with-postgres/package.json': DEPS('with-postgres'),
};

const coverage = (files: Record<string, string>) => {
  const found = detectIn(files);
  const { text, policy } = initPolicy(found);
  const result = runCheck({ policy, repo: new MemoryRepo({ ...files, 'slipway.yaml': text }) });
  return { found, result };
};

describe('a lock in a folder above covers only its workspace members', () => {
  it('a package.json under the root lock that no workspace glob names is reported: init names it, check gives COV002', () => {
    const { found, result } = coverage(PAYLOAD);
    expect(found.decisions).toContainEqual(
      expect.stringMatching(
        /^not judged: 1 package\.json with dependencies no lock covers \(templates\/with-postgres\/package\.json\): review their dependency changes by hand; to have them judged, commit a lock beside each .* \(COV002\)$/,
      ),
    );
    expect(result.findings.filter((f) => f.rule.startsWith('COV')).map((f) => `${f.rule} ${f.file}`)).toEqual(
      ['COV002 templates/with-postgres/package.json'],
    );
  });

  it("near miss: once pnpm-workspace.yaml names it, the root's pair judges it and nothing is listed", () => {
    const files = {
      ...PAYLOAD,
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - 'templates/*'\n",
    };
    const { result } = coverage(files);
    expect(result.scope.coverage?.notJudged ?? []).toEqual([]);
  });

  it("a `!` glob of pnpm-workspace.yaml leaves a folder out of the workspace, and so out of the lock's cover", () => {
    const files = {
      ...PAYLOAD,
      'pnpm-workspace.yaml':
        "packages:\n  - 'packages/*'\n  - 'templates/*'\n  - '!templates/with-postgres'\n",
    };
    const { result } = coverage(files);
    expect((result.scope.coverage?.notJudged ?? []).map((l) => [l.entry.id, l.files])).toEqual([
      ['package-json-unlocked', ['templates/with-postgres/package.json']],
    ]);
  });

  it("npm's `workspaces` say the same: a member is covered, a project beside them is not", () => {
    const files = {
      'package.json': '{ "name": "root", "workspaces": ["packages/*"] }',
      'package-lock.json': '{ "lockfileVersion": 3, "packages": {} }',
      'packages/core/package.json': DEPS('core'),
      'examples/site/package.json': DEPS('site'),
    };
    const { result } = coverage(files);
    expect((result.scope.coverage?.notJudged ?? []).map((l) => [l.entry.id, l.files])).toEqual([
      ['package-json-unlocked', ['examples/site/package.json']],
    ]);
  });
});

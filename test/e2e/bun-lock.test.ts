import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

// Through the built CLI, once: a bun.lock workspace pair is read (its drift found on the
// workspace's line, `bun install` the fix), and a bun.lockb elsewhere is said, with how to get
// bun.lock. The reader's and the rules' cases are in packages/policy-core/test.
const FIXTURE = join(
  import.meta.dirname,
  '../../packages/policy-core/test/requirements/fixtures/npm/bun-workspaces',
);

let repo: TempRepo;
beforeAll(() => {
  const files: Record<string, string> = {
    'slipway.yaml': 'version: 1\ndependencies:\n  requirements: package.json\n  lock: bun.lock\n',
    'old/package.json': '{ "dependencies": { "react": "18.2.0" } }\n',
    'old/bun.lockb': '#!/usr/bin/env bun\nbun-lockfile-format-v0\n',
  };
  for (const p of ['package.json', 'bun.lock', 'packages/util/package.json', 'packages/web/package.json'])
    files[p] = readFileSync(join(FIXTURE, p), 'utf8');
  // The branch raised a workspace's range and did not run `bun install`.
  files['packages/util/package.json'] = (files['packages/util/package.json'] as string).replace(
    '^1.3.0',
    '^2.0.0',
  );
  repo = new TempRepo(files);
  repo.commit('project');
});
afterAll(() => repo.dispose());

describe('check on a bun.lock pair', () => {
  it("finds the workspace's drift, reads every workspace, and names the binary lock it cannot read", () => {
    const r = slipway(['check', '--tree', '--format', 'json'], { cwd: repo.dir });
    const json = JSON.parse(r.stdout);
    const found = json.findings.map(
      (f: { rule: string; file: string; line: number }) => `${f.rule} ${f.file}:${f.line}`,
    );
    expect(found).toEqual(['COV002 old/bun.lockb:1', 'DEP012 packages/util/package.json:6']);
    expect(json.findings[1].message).toContain('run `bun install` and commit bun.lock');
    expect(json.findings[0].message).toContain('bun install --save-text-lockfile');
    expect(json.scope.coverage.judged.DEP).toBe(4);
    expect(json.scope.coverage.notJudged.map((l: { layout: string }) => l.layout)).toEqual(['bun-binary']);
  });
});

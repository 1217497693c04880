import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { expectOneLine, json, repoFactory } from './e2e-helpers.js';

/**
 * `extends:` through the built CLI: a policies repository pushed to a real bare repository in a
 * temp dir, a repository whose policy extends it at a commit SHA, a cache directory of its own.
 * The base's rules judge the repository; what the repository loosens is POL006; the cache makes
 * the next run work without the policies repository; what goes wrong is one line and exit 2.
 */
const repo = repoFactory();

const BASE = `version: 1
protected:
  label: approved-core-change
  paths: [ledger/core/]
agents:
  branches: ["agent/*"]
  limits: { files: 20 }
migrations:
  sql: ["db/*.sql"]
max_waiver_days: 90
`;
const DROP = "SET lock_timeout = '5s';\nDROP TABLE legacy;\n";

function policiesRepository() {
  const work = repo({ 'slipway-base.yaml': BASE });
  const sha = work.commit('base');
  work.git('tag', 'v1');
  const bare = join(mkdtempSync(join(tmpdir(), 'slipway-forge-')), 'policies.git');
  work.git('clone', '-q', '--bare', work.dir, bare);
  return { bare, sha, spec: `git+file://${bare}#slipway-base.yaml@${sha}` };
}

describe('extends: through the built CLI', () => {
  it("the base judges the repository; a loosening is POL006 at the repository's line; offline once cached", () => {
    const p = policiesRepository();
    const env = {
      SLIPWAY_CACHE_DIR: mkdtempSync(join(tmpdir(), 'slipway-cache-')),
      SLIPWAY_ALLOW_FILE_BASES: '1',
    };
    const r = repo({
      'slipway.yaml': `version: 1\nextends: ${p.spec}\nagents:\n  limits: { files: 50 }\n`,
      'db/0001_drop.sql': DROP,
    });
    r.commit('adopt the shared policy');
    const run = () => slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir, env });
    const first = json(run());
    expect(first.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([
      // The base's `migrations:` section, merged in, is what finds the drop.
      'MIG001 db/0001_drop.sql:2',
      'POL006 slipway.yaml:4',
    ]);
    expect(first.findings[1]?.message).toBe(
      `this policy would raise the cap agents.limits.files from 20 to 50, loosening its base git+file://${p.bare}#slipway-base.yaml@${p.sha.slice(0, 12)}; a repository may tighten the policy it extends, never loosen it.`,
    );
    // The policies repository goes away: the verified cache answers.
    renameSync(p.bare, `${p.bare}.gone`);
    expect(json(run()).findings.map((f) => f.rule)).toEqual(['MIG001', 'POL006']);
  });

  it('a tag is refused in one line unless --allow-unpinned; a tampered cache is refused in one line', () => {
    const p = policiesRepository();
    const cache = mkdtempSync(join(tmpdir(), 'slipway-cache-'));
    const env = { SLIPWAY_CACHE_DIR: cache, SLIPWAY_ALLOW_FILE_BASES: '1' };
    const r = repo({ 'slipway.yaml': `version: 1\nextends: ${p.spec.replace(p.sha, 'v1')}\n` });
    r.commit('adopt');
    expectOneLine(
      slipway(['check', '--tree'], { cwd: r.dir, env }),
      /slipway\.yaml:2:\d+: .*`v1` is a tag or a branch, which can move; pin the full commit SHA/,
    );
    expect(slipway(['check', '--tree', '--allow-unpinned'], { cwd: r.dir, env }).code).toBe(0);

    r.write({ 'slipway.yaml': `version: 1\nextends: ${p.spec}\n` });
    expect(slipway(['check', '--tree'], { cwd: r.dir, env }).code).toBe(0);
    const [entryDir] = readdirSync(join(cache, 'extends')).filter((d) => d === p.sha);
    const dir = join(cache, 'extends', entryDir as string);
    const file = join(dir, readdirSync(dir)[0] as string);
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    entry.objects.blob = Buffer.from(BASE.replace('max_waiver_days: 90', 'max_waiver_days: 9999')).toString(
      'base64',
    );
    writeFileSync(file, JSON.stringify(entry));
    expectOneLine(
      slipway(['check', '--tree'], { cwd: r.dir, env }),
      /slipway\.yaml:2:\d+: .*does not verify against commit [0-9a-f]{40} \(the file does not hash to the id its tree names\): it was altered; delete it to fetch the base again/,
    );
  });

  it('a `git+file://` base is read only with --allow-file-bases: a policy under review cannot make CI read another repository on the runner', () => {
    const p = policiesRepository();
    const env = { SLIPWAY_CACHE_DIR: mkdtempSync(join(tmpdir(), 'slipway-cache-')) };
    const r = repo({ 'slipway.yaml': `version: 1\nextends: ${p.spec}\n` });
    r.commit('adopt');
    expectOneLine(
      slipway(['check', '--tree'], { cwd: r.dir, env }),
      /slipway\.yaml:2:\d+: .*a `git\+file:\/\/` base is a repository on this machine, which a policy cannot make Slipway read; .*--allow-file-bases/,
    );
    expect(readdirSync(env.SLIPWAY_CACHE_DIR)).toEqual([]);
    const allowed = slipway(['check', '--tree', '--allow-file-bases'], { cwd: r.dir, env });
    expect(allowed.code, allowed.stderr).toBe(0);
  });

  it("a base in the repository is policy surface: an agent's change to it is PATH004, judged by the base commit's merge", () => {
    const r = repo({
      'slipway.yaml': 'version: 1\nextends: policies/base.yaml\n',
      'policies/base.yaml': BASE,
    });
    r.commit('shared base');
    r.git('checkout', '-q', '-b', 'agent/loosen');
    r.write({ 'policies/base.yaml': BASE.replace('paths: [ledger/core/]', 'paths: []') });
    r.commit('loosen the base');
    const out = slipway(['check', '--base', 'main', '--format', 'json'], { cwd: r.dir });
    expect(json(out).findings.map((f) => f.rule)).toContain('PATH004');
    expect(json(out).findings.find((f) => f.rule === 'PATH004')?.file).toBe('policies/base.yaml');
  });
});

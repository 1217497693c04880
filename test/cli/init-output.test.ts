import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/** What `slipway init` says and refuses: --dry-run, an existing policy, no git repository, --ci. */
const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

function repo(files: Record<string, string>): TempRepo {
  const r = new TempRepo(files);
  repos.push(r);
  r.commit('project');
  return r;
}

describe('slipway init output', () => {
  it('--help names the JS layouts it detects, not the Python ones alone', () => {
    const out = slipway(['init', '--help']);
    const text = out.stdout.replace(/\s+/g, ' ');
    for (const words of [
      "npm's, pnpm's, Yarn's or Bun's lock",
      "Prisma's and Drizzle's .sql series",
      'Kysely and MikroORM',
      'It reads the files git tracks',
    ])
      expect(text).toContain(words);
  });

  it('--dry-run prints the policy on stdout, the decisions on stderr, and writes nothing', () => {
    const r = repo({ 'requirements.txt': 'fastapi==0.110.0\n', 'requirements.lock': 'fastapi==0.110.0\n' });
    const out = slipway(['init', '--dry-run'], { cwd: r.dir });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^# Slipway policy/);
    expect(out.stdout).toContain('lock: "requirements.lock"');
    expect(out.stderr).toContain(
      'requirements.txt → requirements.lock: requirements and their lock, mode mirror',
    );
    expect(existsSync(join(r.dir, 'slipway.yaml'))).toBe(false);
    // With --ci, the workflows it would write are named, and none is written either.
    const ci = slipway(['init', '--dry-run', '--ci', 'github'], { cwd: r.dir });
    expect(ci.code).toBe(0);
    expect(ci.stderr).toContain(`would write ${join(r.dir, '.github/workflows/slipway-guard.yml')}`);
    expect(ci.stderr).not.toContain('slipway-promote.yml');
    expect(existsSync(join(r.dir, '.github'))).toBe(false);
  });

  it('an existing policy is refused without --force, with the diff of what would change; --force replaces it', () => {
    const r = repo({ 'docs/a.md': '', 'slipway.yaml': 'version: 1\nproduction_branch: main\n' });
    const refused = slipway(['init'], { cwd: r.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `slipway init: slipway.yaml already exists in ${r.dir}; pass --merge to add what it lacks, or --force to replace it (the diff above is what would change)`,
    ]);
    expect(refused.stdout).toContain('--- slipway.yaml\n+++ slipway.yaml (slipway init)\n');
    expect(refused.stdout).toContain('-production_branch: main\n');
    expect(refused.stdout).toContain('+production_branch: "main"\n');
    expect(refused.stdout).toContain('+    - "/docs/"\n');
    expect(readFileSync(join(r.dir, 'slipway.yaml'), 'utf8')).toBe('version: 1\nproduction_branch: main\n');
    const forced = slipway(['init', '--force'], { cwd: r.dir });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`wrote ${join(r.dir, 'slipway.yaml')}`);
    // It ends with what to do next: see the findings, commit the policy, run the gate in CI.
    expect(
      forced.stdout
        .split('next:\n')[1]
        ?.split('\n')
        .slice(0, 3)
        .map((l) => l.trim().split(/\s{2,}/)[0]),
    ).toEqual([
      '1. slipway check --tree',
      '2. git add slipway.yaml slipway.tests.yaml && git commit',
      '3. slipway init --ci github',
    ]);
    expect(readFileSync(join(r.dir, 'slipway.yaml'), 'utf8')).toContain('- "/docs/"');
  });

  it('--force never writes slipway.yaml beside a slipway.toml it would shadow', () => {
    const r = repo({ 'slipway.toml': 'version = 1\n' });
    const out = slipway(['init', '--force'], { cwd: r.dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^slipway init: slipway\.toml is the policy in .*; remove slipway\.toml first/,
    );
    expect(existsSync(join(r.dir, 'slipway.yaml'))).toBe(false);
  });

  it('outside a git repository: one line, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-nogit-'));
    try {
      writeFileSync(join(dir, 'requirements.txt'), 'fastapi==0.110.0\n');
      const out = slipway(['init'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
      expect(out.code).toBe(2);
      expect(out.stderr).toBe(
        `slipway init: ${dir} is not a git repository; run \`git init\` there first (the policy is checked against git history)\n`,
      );
      expect(readdirSync(dir)).toEqual(['requirements.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--ci github without a deploy section writes only the guard workflow, and says why', () => {
    const r = repo({ 'requirements.txt': 'fastapi==0.110.0\n', 'requirements.lock': 'fastapi==0.110.0\n' });
    const out = slipway(['init', '--ci', 'github'], { cwd: r.dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('slipway.yaml has no deploy section: only the guard workflow');
    expect(readdirSync(join(r.dir, '.github/workflows'))).toEqual(['slipway-guard.yml']);
    const policy = readFileSync(join(r.dir, 'slipway.yaml'), 'utf8');
    expect(policy).not.toContain('deploy:');
    // The workflows it writes are protected like any others.
    expect(policy).toContain('- ".github/workflows/"');
    r.commit('slipway init --ci github');
    expect(slipway(['check', '--tree'], { cwd: r.dir }).stdout).toMatch(/^No findings/);
  });

  it('--ci github with a deploy record writes promote, rollback and watch too', () => {
    const r = repo({ 'infrastructure/LAST_PROD_DEPLOY.json': '{}' });
    const out = slipway(['init', '--ci', 'github'], { cwd: r.dir });
    expect(out.code).toBe(0);
    expect(readdirSync(join(r.dir, '.github/workflows')).sort()).toEqual([
      'slipway-guard.yml',
      'slipway-promote.yml',
      'slipway-rollback.yml',
      'slipway-watch.yml',
    ]);
  });
});

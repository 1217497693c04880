import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

// yaml is policy-core's dependency, not the workspace root's.
const { parse } = createRequire(new URL('../../packages/policy-core/package.json', import.meta.url))(
  'yaml',
) as { parse(text: string): unknown };

const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

describe('slipway init --ci github', () => {
  it('writes the policy and the deploy workflows, with the given action', () => {
    const r = new TempRepo({ 'backend/app/core/a.py': '', 'infrastructure/LAST_PROD_DEPLOY.json': '{}' });
    repos.push(r);
    r.commit('init');
    const out = slipway(['init', '--ci', 'github', '--action', 'acme/slipway@v2'], { cwd: r.dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(existsSync(join(r.dir, 'slipway.yaml'))).toBe(true);
    const workflows = out.stdout
      .split('\n')
      .filter((l) => l.startsWith('wrote ') && l.includes('.github/workflows/'));
    expect(workflows.length).toBeGreaterThanOrEqual(3);
    const texts = workflows.map((l) => readFileSync(l.replace(/^wrote /, ''), 'utf8'));
    for (const t of texts) expect(() => parse(t)).not.toThrow();
    const all = texts.join('\n');
    expect(all).toContain('acme/slipway@v2');
    expect(all).toMatch(/Rollback to last good/);
    expect(all).toMatch(/workflow_dispatch/);
    expect(all).toMatch(/labeled/);
  });

  it('keeps an existing policy, refuses to overwrite workflows without --force, rejects other CIs', () => {
    const r = new TempRepo({ 'slipway.yaml': 'version: 1\n' });
    repos.push(r);
    r.commit('init');
    const first = slipway(['init', '--ci', 'github'], { cwd: r.dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('kept');
    expect(readFileSync(join(r.dir, 'slipway.yaml'), 'utf8')).toBe('version: 1\n');
    const again = slipway(['init', '--ci', 'github'], { cwd: r.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exist.*--force/);
    expect(slipway(['init', '--ci', 'github', '--force'], { cwd: r.dir }).code).toBe(0);
    const gitlab = slipway(['init', '--ci', 'gitlab'], { cwd: r.dir });
    expect(gitlab.code).toBe(2);
    expect(gitlab.stderr).toMatch(/only `github`/);
  });
  it('--force replaces only the generated workflows: an edited slipway.yaml survives', () => {
    const r = new TempRepo({ 'infrastructure/LAST_PROD_DEPLOY.json': '{}', 'alembic.ini': '' });
    repos.push(r);
    r.commit('init');
    expect(slipway(['init'], { cwd: r.dir }).code).toBe(0);
    const policy = join(r.dir, 'slipway.yaml');
    const edited = `# the team's own deploy section, edited by hand\n${readFileSync(policy, 'utf8')}`;
    writeFileSync(policy, edited);
    expect(slipway(['init', '--ci', 'github'], { cwd: r.dir }).code).toBe(0);
    const watch = join(r.dir, '.github/workflows/slipway-watch.yml');
    writeFileSync(watch, 'name: stale\n');
    const out = slipway(['init', '--ci', 'github', '--force'], { cwd: r.dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`kept ${policy}`);
    expect(out.stdout).not.toContain(`wrote ${policy}`);
    expect(readFileSync(policy, 'utf8')).toBe(edited);
    // The workflows were regenerated.
    expect(readFileSync(watch, 'utf8')).toContain('name: Slipway watch');
    // Without --ci, --force still replaces the policy, as documented.
    expect(slipway(['init', '--force'], { cwd: r.dir }).code).toBe(0);
    expect(readFileSync(policy, 'utf8')).not.toBe(edited);
  });
});

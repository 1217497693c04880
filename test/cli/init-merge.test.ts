import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/** `slipway init --merge`: what init finds added to a hand-written policy, nothing of it changed. */
const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

const MIGRATION = (rev: string, down: string | null, body: string) =>
  `"""${rev}\n\nRevision ID: ${rev}\nRevises: ${down ?? ''}\n"""\nfrom alembic import op\n\nrevision = '${rev}'\ndown_revision = ${down ? `'${down}'` : 'None'}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;

/** A hand-written policy: a deploy section with environments, a rule the team turned down, agents. */
const MINE = `# Our policy: reviewed by the platform team.
version: 1
production_branch: main
protected:
  label: core-approved
  paths:
    - slipway.yaml
    - /infra/   # infra is ours
agents:
  branches: ["bot/*"]
  allowed: [/docs/]
deploy:
  record: infra/LAST_PROD_DEPLOY.json
  audit_log: infra/deploy-audit.jsonl
  environments:
    production:
      url: https://example.test
      deploy: ["./deploy.sh"]
rules:
  MIG011: warning
`;

function project(): TempRepo {
  const r = new TempRepo({
    'slipway.yaml': MINE,
    'docs/index.md': '# docs\n',
    'requirements.txt': 'fastapi==0.110.0\n',
    'requirements.lock': 'fastapi==0.110.0\n',
    'alembic.ini': '[alembic]\nscript_location = alembic\nsqlalchemy.url = sqlite:///app.db\n',
    'alembic/env.py': '',
    'alembic/script.py.mako': '',
    'alembic/versions/0001.py': MIGRATION('0001', null, "op.drop_table('legacy')"),
  });
  repos.push(r);
  r.commit('project');
  return r;
}

describe('slipway init --merge', () => {
  it('adds the sections and paths init found, keeps every line the user wrote, and names what it left out', () => {
    const r = project();
    const out = slipway(['init', '--merge'], { cwd: r.dir });
    expect(out.code).toBe(0);
    const merged = readFileSync(join(r.dir, 'slipway.yaml'), 'utf8');
    // Every line of the user's policy is still there, in order, comments included: the merge
    // only inserts lines.
    const lines = merged.split('\n');
    let at = 0;
    for (const line of MINE.split('\n').filter(Boolean)) {
      const found = lines.indexOf(line, at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
    expect(merged).toContain('    - /infra/   # infra is ours\n    - "alembic/"\n');
    expect(out.stdout).toContain('added: dependencies\n');
    expect(out.stdout).toContain('added: migrations\n');
    expect(out.stdout).toContain('added: protected.paths: alembic/\n');
    expect(out.stdout).toContain('kept: agents: yours, as written\n');
    expect(merged).toContain('  dialect: sqlite');
    // The check of the merged policy reads the new sections: the pinned pair and the tree judged.
    const check = slipway(['check', '--tree', '--format', 'json'], { cwd: r.dir });
    expect(check.code).toBe(0);
    // Run again: nothing left to add, and the file is left as it is.
    const again = slipway(['init', '--merge'], { cwd: r.dir });
    expect(again.stdout).toContain('slipway.yaml already has everything init found; nothing added\n');
    expect(readFileSync(join(r.dir, 'slipway.yaml'), 'utf8')).toBe(merged);
  });

  it('never adds what judges less to a section the user wrote: applied_through and the dialect are named instead', () => {
    const r = project();
    const flow = MINE.replace(
      '  paths:\n    - slipway.yaml\n    - /infra/   # infra is ours',
      '  paths: [slipway.yaml, /infra/]   # infra is ours',
    );
    writeFileSync(join(r.dir, 'slipway.yaml'), `${flow}migrations:\n    alembic: alembic/versions`);
    const out = slipway(['init', '--merge'], { cwd: r.dir });
    expect(out.code).toBe(0);
    const merged = readFileSync(join(r.dir, 'slipway.yaml'), 'utf8');
    // A list on one line gains its items in place; a section indented by four gets four.
    expect(merged).toContain('  paths: [slipway.yaml, /infra/, "alembic/"]   # infra is ours\n');
    // A SQLite project: no databases entry either (the audit reads PostgreSQL only).
    expect(merged).toContain('migrations:\n    alembic: alembic/versions');
    expect(merged).not.toContain('databases:');
    expect(merged).not.toContain('applied_through');
    expect(merged).not.toContain('dialect');
    expect(out.stdout).toContain(
      'kept: migrations.applied_through: init found "0001"; not added, as it judges less than your policy does (add it yourself if it is true)\n',
    );
    expect(out.stdout).toContain('kept: migrations.dialect: init found "sqlite"; not added');
  });

  it('bad input: a broken policy, or --merge with --force, is one clear line and nothing written', () => {
    const r = project();
    writeFileSync(join(r.dir, 'slipway.yaml'), 'version: 1\nprotected: [unclosed\n');
    const broken = slipway(['init', '--merge'], { cwd: r.dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toMatch(
      /^slipway init: slipway\.yaml line \d+: .*; fix it, then run init --merge again\n$/,
    );
    expect(readFileSync(join(r.dir, 'slipway.yaml'), 'utf8')).toBe('version: 1\nprotected: [unclosed\n');
    const both = slipway(['init', '--merge', '--force'], { cwd: r.dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('slipway init: --force replaces the policy and --merge keeps it: pass one\n');
  });
});

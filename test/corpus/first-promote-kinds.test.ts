import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthServer } from '../deploy/helpers/health-server.js';
import { TempRepo } from '../helpers/git-repo.js';
import { filesUnder, newRevision, versionsOf } from './alembic-project.js';
import { CORPUS_DIR, itWithData } from './corpus-dir.js';
import { agentChangeRefused, DEPLOY_SCRIPT, firstPromote } from './first-promote-steps.js';

/**
 * The same first hour (first-promote-steps.ts: ≤ 5 commands from `init` to a production promote
 * that passes) on the other kinds of project a team brings: plain SQL migrations beside admin
 * scripts, a SQLite-only Alembic app, and Alembic apps whose dependencies are locked by uv or
 * Poetry. The last two are put together from real parts read in place: the shared corpus's uv
 * workspace (a FastAPI template, whose backend keeps its Alembic tree in backend/app/alembic) and
 * Poetry project, each with a real Alembic history from OpenStack's Debian packages (Glance's
 * committed copy, or the corpus cache's). After each promote, an agent's bad change merged without
 * a look is refused.
 */
const SQL_FIXTURE = fileURLToPath(new URL('./sql-project/admin-updates/', import.meta.url));
const SQLITE_FIXTURE = fileURLToPath(new URL('./sqlite-app/sqlite-only/', import.meta.url));
const SQLITE_PLANTED = fileURLToPath(new URL('./sqlite-app/planted/', import.meta.url));
const UV = join(CORPUS_DIR, 'uv-lock/fastapi__full-stack-fastapi-template');
const POETRY = join(CORPUS_DIR, 'poetry-lock/Textualize__rich');

const server = new HealthServer();
let prodUrl = '';
const repos: TempRepo[] = [];
beforeAll(async () => {
  prodUrl = await server.start();
});
afterAll(async () => {
  await server.stop();
  for (const r of repos) r.dispose();
});

function fromFixture(dir: string): TempRepo {
  const repo = new TempRepo({ 'scripts/deploy.sh': DEPLOY_SCRIPT });
  repos.push(repo);
  cpSync(dir, repo.dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  repo.commit('years of history');
  return repo;
}

/** Real files read in place from a corpus case, by path relative to the case. */
function corpusFiles(caseDir: string, paths: string[]): Record<string, string> {
  return Object.fromEntries(paths.map((p) => [p, readFileSync(join(caseDir, p), 'utf8')]));
}

/** The head revision of a history laid out by `filesUnder` (the one no other revision revises). */
function headOf(files: Record<string, string>): string {
  const revs = new Set<string>();
  const revised = new Set<string>();
  for (const text of Object.values(files)) {
    const rev = /^revision\s*=\s*['"]([^'"]+)['"]/m.exec(text)?.[1];
    if (rev) revs.add(rev);
    for (const m of (/^down_revision\s*=\s*(.+)$/m.exec(text)?.[1] ?? '').matchAll(/['"]([^'"]+)['"]/g))
      revised.add(m[1] as string);
  }
  const heads = [...revs].filter((r) => !revised.has(r)).sort();
  expect(heads.length).toBeGreaterThan(0);
  return heads[0] as string;
}

describe('a first production promote on every kind of project', () => {
  it('plain SQL migrations beside admin scripts: promote passes; a new dated drop is refused', async () => {
    const repo = fromFixture(SQL_FIXTURE);
    const hour = await firstPromote(repo, prodUrl);
    expect(hour.init.stdout + hour.init.stderr).toContain('admin/sql/: admin scripts');
    await agentChangeRefused(repo, hour, {
      branch: 'auto/drop-settings',
      files: {
        'admin/sql/updates/2026-11-25-drop-user-setting.sql':
          'BEGIN;\n\nDROP TABLE user_setting;\n\nCOMMIT;\n',
      },
      rule: 'MIG001',
      file: 'admin/sql/updates/2026-11-25-drop-user-setting.sql',
    });
  });

  it('a SQLite-only Alembic app: promote passes with no PostgreSQL advice; a new drop is refused', async () => {
    const repo = fromFixture(SQLITE_FIXTURE);
    const hour = await firstPromote(repo, prodUrl);
    expect(hour.init.stdout + hour.init.stderr).toContain('database: sqlite (from alembic.ini)');
    const versions = 'migrations/versions';
    const drop = `${versions}/2026_11_25_130000_dd44ee55ff66_drop_state_name.py`;
    const { refused } = await agentChangeRefused(repo, hour, {
      branch: 'auto/state-name',
      files: {
        [`${versions}/2026_11_25_120000_aa11bb22cc33_flow_run_state_name_not_null.py`]: readFileSync(
          join(SQLITE_PLANTED, 'rebuild.py'),
          'utf8',
        ),
        [drop]: readFileSync(join(SQLITE_PLANTED, 'drop-column.py'), 'utf8'),
      },
      rule: 'MIG002',
      file: drop,
    });
    // SQLite takes no lock timeout: the PostgreSQL lock rule has nothing to say here.
    expect(refused.stdout).not.toContain('MIG037');
  });

  // Glance's history is committed (test/corpus/alembic): only the corpus can be absent.
  const history = versionsOf('glance');
  itWithData(
    'Alembic + uv workspace (the FastAPI template): init pairs the lock, promote passes; a dependency without its lock and a drop are refused',
    UV,
    async () => {
      const revisions = filesUnder(history as string, 'backend/app/alembic/versions');
      const repo = new TempRepo({
        ...corpusFiles(UV, ['pyproject.toml', 'backend/pyproject.toml', 'uv.lock']),
        'backend/alembic.ini': '[alembic]\nscript_location = app/alembic\n',
        'backend/app/alembic/env.py': 'from alembic import context\n',
        'backend/app/core/config.py': 'SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://postgres@db/app"\n',
        ...revisions,
        'scripts/deploy.sh': DEPLOY_SCRIPT,
      });
      repos.push(repo);
      repo.commit('the template, years on');
      const hour = await firstPromote(repo, prodUrl);
      const said = hour.init.stdout + hour.init.stderr;
      expect(said).toContain('backend/pyproject.toml → uv.lock: uv project');
      expect(said).toContain('backend/alembic.ini → backend/app/alembic/versions: Alembic tree');
      const tree = await hour.run('check', '--tree', '--format', 'json');
      expect(JSON.parse(tree.stdout).findings).toEqual([]);

      const pyproject = readFileSync(join(repo.dir, 'backend/pyproject.toml'), 'utf8');
      const bumped = pyproject.replace(
        /dependencies = \[\n/,
        'dependencies = [\n    "left-pad-for-python>=1.0",\n',
      );
      expect(bumped).not.toBe(pyproject);
      await agentChangeRefused(repo, hour, {
        branch: 'auto/add-dependency',
        files: { 'backend/pyproject.toml': bumped },
        rule: 'DEP003',
        file: 'backend/pyproject.toml',
      });
      // The person fixes it back; an agent's drop on the real head is refused in turn.
      repo.write({ 'backend/pyproject.toml': pyproject });
      repo.commit('revert the unlocked dependency');
      const file = 'backend/app/alembic/versions/ffff00000001_drop_legacy.py';
      await agentChangeRefused(repo, hour, {
        branch: 'auto/drop-legacy',
        files: { [file]: newRevision(headOf(revisions)) },
        rule: 'MIG002',
        file,
      });
    },
  );

  itWithData('Alembic + Poetry: init pairs the lock, promote passes; a drop is refused', POETRY, async () => {
    const revisions = filesUnder(history as string, 'migrations/versions');
    const repo = new TempRepo({
      ...corpusFiles(POETRY, ['pyproject.toml', 'poetry.lock']),
      'alembic.ini':
        '[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = postgresql://app@db/app\n',
      'migrations/env.py': 'from alembic import context\n',
      ...revisions,
      'scripts/deploy.sh': DEPLOY_SCRIPT,
    });
    repos.push(repo);
    repo.commit('years of history');
    const hour = await firstPromote(repo, prodUrl);
    const said = hour.init.stdout + hour.init.stderr;
    expect(said).toContain('pyproject.toml → poetry.lock: Poetry project');
    expect(said).toContain('database: postgresql (from alembic.ini)');
    const file = 'migrations/versions/ffff00000001_drop_legacy.py';
    await agentChangeRefused(repo, hour, {
      branch: 'auto/drop-legacy',
      files: { [file]: newRevision(headOf(revisions)) },
      rule: 'MIG002',
      file,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { detectLayout, parsePolicyText, renderPolicy } from '../../src/index.js';

/** Detection reads only through the reader it is given: the same answers in CLI, editor and tests. */
function reader(texts: Record<string, string>, dirs: string[] = []) {
  return {
    readFile: (p: string) => texts[p],
    isDirectory: (p: string) => dirs.includes(p),
  };
}

/** Detects over exactly the files given (every one with its text). */
function detectFiles(texts: Record<string, string>, dirs: string[] = []) {
  return detectLayout(Object.keys(texts), reader(texts, dirs));
}

describe('detectLayout', () => {
  it('names the agents the repository’s own files show, and the rendered policy parses and says so', () => {
    const found = detectFiles({
      'CLAUDE.md': '# notes\n',
      '.github/copilot-instructions.md': '',
      '.github/dependabot.yml': 'version: 2\n',
      'docs/CLAUDE.md': '', // near miss: not the repository's own file
      'src/cursorrules.py': '', // near miss
    });
    expect(found.agentPresets).toEqual([
      { preset: 'claude', file: 'CLAUDE.md' },
      { preset: 'copilot', file: '.github/copilot-instructions.md' },
      { preset: 'dependabot', file: '.github/dependabot.yml' },
    ]);
    expect(found.decisions.join('\n')).toContain('agents at work here: claude (CLAUDE.md), copilot');
    const text = renderPolicy(found, 'main');
    expect(text).toContain(
      'this repository shows claude (CLAUDE.md), copilot (.github/copilot-instructions.md)',
    );
    expect(parsePolicyText(text, 'slipway.yaml').document).toBeDefined();
    expect(detectFiles({ 'README.md': '' }).agentPresets).toEqual([]);
  });

  it('finds the Alembic tree named by script_location and protects what exists, never a template path', () => {
    const found = detectFiles({
      'backend/alembic.ini': '[alembic]\nscript_location = %(here)s/migrations\n',
      'backend/migrations/versions/0001_init.py': '',
      'infrastructure/LAST_PROD_DEPLOY.json': '{}',
      'backend/app/core/config.py': '',
      '.github/workflows/ci.yml': '',
    });
    expect(found.alembic).toEqual(['backend/migrations/versions']);
    expect(found.deployRecord).toBe('infrastructure/LAST_PROD_DEPLOY.json');
    expect(found.auditLog).toBe('infrastructure/deploy-audit.jsonl');
    expect(found.protectedPaths).toEqual([
      'backend/migrations/',
      '.github/workflows/',
      'slipway.yaml',
      'infrastructure/LAST_PROD_DEPLOY.json',
    ]);
    expect(found.agentAllowed).toEqual([]);
    const text = renderPolicy(found, 'main');
    expect(parsePolicyText(text, 'slipway.yaml').document?.policy.production_branch).toBe('main');
    expect(text).not.toContain('backend/app/core');
  });

  it('reads script_location only from the [alembic] section, resolving %(here)s and ..', () => {
    const found = detectFiles({
      'svc/alembic.ini':
        '[other]\nscript_location = wrong\n[alembic]\nscript_location = %(here)s/../db/alembic\n',
      'db/alembic/versions/0001.py': '',
    });
    expect(found.alembic).toEqual(['db/alembic/versions']);
    expect(found.decisions).toContain(
      'svc/alembic.ini → db/alembic/versions: Alembic tree (script_location %(here)s/../db/alembic)',
    );
  });

  it('finds Alembic script directories by their shape when no alembic.ini names them', () => {
    const found = detectFiles({
      // Flask-Migrate: alembic.ini without script_location, the tree is the ini's own folder.
      'migrations/alembic.ini': '[alembic]\n',
      'migrations/env.py': '',
      'migrations/script.py.mako': '',
      'migrations/versions/0001_init.py': '',
      // Two trees named in sections of their own, as package resources.
      'src/app/alembic.ini':
        '[core]\nscript_location = app:db/core\n[tenant]\nscript_location = app:db/tenant\n',
      'src/app/db/core/env.py': '',
      'src/app/db/core/script.py.mako': '',
      'src/app/db/core/versions/a1.py': '',
      'src/app/db/tenant/env.py': '',
      'src/app/db/tenant/script.py.mako': '',
      'src/app/db/tenant/versions/b1.py': '',
      // Near misses: Alembic's own template in a virtualenv; a template without env.py; no versions/.
      '.venv/lib/python3.12/site-packages/alembic/templates/generic/env.py': '',
      '.venv/lib/python3.12/site-packages/alembic/templates/generic/script.py.mako': '',
      'tools/script.py.mako': '',
      'tools/versions/x.py': '',
      'other/env.py': '',
      'other/script.py.mako': '',
    });
    expect(found.alembic).toEqual([
      'src/app/db/core/versions',
      'src/app/db/tenant/versions',
      'migrations/versions',
    ]);
    expect(found.decisions).toContain(
      'src/app/alembic.ini [core] → src/app/db/core/versions: Alembic tree (script_location app:db/core, run as alembic -n core)',
    );
    expect(found.decisions.filter((d) => d.includes('no Alembic tree'))).toEqual([]);
    expect(found.decisions).toContain(
      'migrations/: env.py and script.py.mako beside versions/ → migrations/versions: Alembic tree',
    );
    expect(found.protectedPaths).toContain('migrations/');
  });

  it("proposes the .sql migrations' runner from their names and comments, and none when they say nothing", () => {
    const runnerOf = (files: Record<string, string>) => detectFiles(files).sqlRunner;
    expect(runnerOf({ 'db/migrations/001_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\n' })).toBe('goose');
    expect(runnerOf({ 'db/migrations/001_a.sql': '-- +migrate Up\nCREATE TABLE a (id int);\n' })).toBe(
      'sql-migrate',
    );
    expect(runnerOf({ 'db/migrations/001_a.sql': '-- migrate:up\nCREATE TABLE a (id int);\n' })).toBe(
      'dbmate',
    );
    expect(runnerOf({ 'db/migrations/001_a.up.sql': '', 'db/migrations/001_a.down.sql': '' })).toBe(
      'golang-migrate',
    );
    expect(
      runnerOf({ 'sql/migrations/001_a.postgres.up.sql': '', 'sql/migrations/001_a.mysql.up.sql': '' }),
    ).toBe('pop');
    expect(runnerOf({ 'migrations/2024-01-01_a/up.sql': '', 'migrations/2024-01-01_a/down.sql': '' })).toBe(
      'diesel',
    );
    expect(runnerOf({ 'migrations/0001.sql': '', 'migrations/0001.rollback.sql': '' })).toBe('yoyo');
    expect(runnerOf({ 'db/migration/V1__init.sql': '' })).toBe('flyway');
    expect(runnerOf({ 'sqitch.plan': '', 'sql/deploy/a.sql': '', 'sql/revert/a.sql': '' })).toBe('sqitch');
    // Near miss: plain files say nothing; nothing is proposed, so every statement is judged.
    const plain = detectFiles({ 'db/migrations/001_a.sql': 'CREATE TABLE a (id int);\n' });
    expect(plain.sqlRunner).toBeUndefined();
    expect(renderPolicy(plain, 'main')).not.toContain('sql_runner');
    const goose = detectFiles({ 'db/migrations/001_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\n' });
    expect(goose.decisions).toContain(
      'db/migrations/001_a.sql: sql_runner goose (its way back is not judged as forward DDL)',
    );
    const text = renderPolicy(goose, 'main');
    expect(parsePolicyText(text, 'slipway.yaml').document?.policy.migrations?.sql_runner).toBe('goose');
  });

  it('proposes sql_runner psql where a script runs the migrations with psql that goes on after a failed statement', () => {
    const MIGRATION = { 'db/migrations/001_a.sql': 'CREATE TABLE a (id int);\n' };
    const loop = (psql: string) => `#!/bin/sh\nset -e\nfor f in db/migrations/*.sql; do\n  ${psql}\ndone\n`;
    const found = detectFiles({ ...MIGRATION, 'scripts/migrate.sh': loop('psql "$DATABASE_URL" -f "$f"') });
    expect(found.sqlRunner).toBe('psql');
    expect(found.decisions).toContain(
      "scripts/migrate.sh:4: psql runs the .sql migrations without ON_ERROR_STOP, going on after a failed statement: sql_runner psql (a swap's copy that fails would not stop its drop; add -v ON_ERROR_STOP=1 there and drop sql_runner)",
    );
    expect(
      parsePolicyText(renderPolicy(found, 'main'), 'slipway.yaml').document?.policy.migrations?.sql_runner,
    ).toBe('psql');
    // A Makefile recipe, and psql reading the file from standard input.
    const make = {
      ...MIGRATION,
      Makefile: 'migrate:\n\tfor f in migrations/*.sql; do psql $(DATABASE_URL) < $$f; done\n',
    };
    expect(detectFiles({ ...make, 'migrations/001_a.sql': '' }).sqlRunner).toBe('psql');
    // Near misses: psql told to stop (any spelling, a continued line), or one transaction: plain, and said.
    for (const psql of [
      'psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f "$f"',
      'psql "$DATABASE_URL" --set ON_ERROR_STOP=on -f "$f"',
      'psql --variable=ON_ERROR_STOP=true -f "$f"',
      'psql "$DATABASE_URL" \\\n    -v ON_ERROR_STOP=1 \\\n    -f "$f"',
      'psql -1 -f "$f"',
      'psql --single-transaction --file="$f"',
    ]) {
      const stops = detectFiles({ ...MIGRATION, 'scripts/migrate.sh': loop(psql) });
      expect(stops.sqlRunner, psql).toBeUndefined();
      expect(stops.decisions, psql).toContain(
        'scripts/migrate.sh:4: psql runs the .sql migrations stopping at a failed statement (ON_ERROR_STOP or one transaction): sql_runner plain',
      );
    }
    // psql that runs something else (no migrations folder named), a runner the files name, no psql.
    const seed = detectFiles({ ...MIGRATION, 'scripts/seed.sh': 'psql "$DATABASE_URL" -f seed/data.sql\n' });
    expect(seed.sqlRunner).toBeUndefined();
    expect(seed.decisions.filter((d) => d.includes('psql'))).toEqual([]);
    const goose = detectFiles({
      'db/migrations/001_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\n',
      'scripts/migrate.sh': loop('psql -f "$f"'),
    });
    expect(goose.sqlRunner).toBe('goose');
    // The folder named as a path's end, in a variable the loop reads.
    const byVariable =
      'DIR="$(dirname "$0")/../migrations"\nfor f in "$DIR"/*.sql; do\n  psql "$DATABASE_URL" -f "$f"\ndone\n';
    expect(detectFiles({ 'migrations/001_a.sql': '', 'scripts/run.sh': byVariable }).sqlRunner).toBe('psql');
    // psql printed or in a comment runs nothing; psql in a container does.
    for (const printed of ['echo psql -f "$f"; cat "$f"', 'cat "$f" # psql -f "$f"'])
      expect(
        detectFiles({ ...MIGRATION, 'scripts/migrate.sh': loop(printed) }).sqlRunner,
        printed,
      ).toBeUndefined();
    expect(
      detectFiles({
        ...MIGRATION,
        'scripts/migrate.sh': loop('docker compose exec -T db psql -U app < "$f"'),
      }).sqlRunner,
    ).toBe('psql');
  });

  it('says why an alembic.ini gives no tree: a package folder or a versions folder that does not exist', () => {
    const found = detectFiles({
      'a/alembic.ini': '[alembic]\nscript_location = myapp:migrations\n',
      'b/alembic.ini': '[alembic]\nscript_location = migrations\n',
    });
    expect(found.alembic).toEqual([]);
    expect(found.decisions).toContain(
      'a/alembic.ini: script_location myapp:migrations, but no myapp/migrations/versions/ exists in the repository; no Alembic tree',
    );
    expect(found.decisions).toContain(
      'b/alembic.ini: script_location migrations, but none of b/migrations/versions/, migrations/versions/ exists; no Alembic tree',
    );
  });

  it('names an empty versions folder only when the reader says it is a directory', () => {
    const files = ['alembic.ini'];
    expect(detectLayout(files, reader({ 'alembic.ini': '' })).alembic).toEqual([]);
    expect(detectLayout(files, reader({ 'alembic.ini': '' }, ['alembic/versions'])).alembic).toEqual([
      'alembic/versions',
    ]);
  });

  it('finds the outermost SQL migrations folders, outside Alembic trees and vendored folders', () => {
    const found = detectFiles({
      'sql/001.sql': '',
      'sql/migrations/002.sql': '',
      'services/billing/db/migrations/001.sql': '',
      'node_modules/pkg/migrations/x.sql': '',
      'scripts/seed.sql': '',
      'alembic.ini': '[alembic]\nscript_location = migrations\n',
      'migrations/versions/0001.py': '',
      'migrations/sql/raw.sql': '',
    });
    expect(found.sql).toEqual(['services/billing/db/migrations/**/*.sql', 'sql/**/*.sql']);
  });

  it('says up front what DEP001 will flag in plain requirements, and turns it off only for pip-tools inputs', () => {
    const found = detectFiles({ 'requirements.txt': 'a>=1\nb==1\n', 'requirements.lock': 'a==1\nb==1\n' });
    expect(found.decisions).toContain(
      'requirements.txt: 1 requirement is not pinned with ==; DEP001 flags it (pin it, or compile requirements.lock from a .in file with pip-tools)',
    );
    expect(renderPolicy(found, 'main')).not.toContain('DEP001: off');
  });

  it('proposes docs/ to agents only when it exists', () => {
    expect(detectFiles({ 'docs/index.md': '' }).agentAllowed).toEqual(['/docs/']);
    expect(detectFiles({ 'documentation/index.md': '' }).agentAllowed).toEqual([]);
  });

  it('puts the audit log beside a record at the repository root, and protects it when it exists', () => {
    const found = detectFiles({ 'LAST_PROD_DEPLOY.json': '{}', 'deploy-audit.jsonl': '' });
    expect(found.auditLog).toBe('deploy-audit.jsonl');
    expect(found.protectedPaths).toEqual(['slipway.yaml', 'LAST_PROD_DEPLOY.json', 'deploy-audit.jsonl']);
  });

  it('writes a policy that parses for every section at once', () => {
    const found = detectFiles({
      'requirements.in': 'fastapi>=0.1\n',
      'requirements.txt': 'fastapi==0.110.0\n',
      'alembic.ini': '[alembic]\nscript_location = alembic\n',
      'alembic/versions/0001.py': '',
      'db/migrations/001.sql': '',
      'LAST_PROD_DEPLOY.json': '{}',
      'config/update.toml': '',
    });
    const parsed = parsePolicyText(renderPolicy(found, 'trunk'), 'slipway.yaml');
    expect(parsed.findings).toEqual([]);
    const policy = parsed.document?.policy;
    expect(policy?.dependencies).toMatchObject([
      { requirements: 'requirements.in', lock: 'requirements.txt', mode: 'superset' },
    ]);
    expect(policy?.migrations?.sql).toEqual(['db/migrations/**/*.sql']);
    expect(policy?.rules).toEqual({ DEP001: 'off' });
  });
});

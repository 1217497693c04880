import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLockFormat, parsePolicyText, readPyproject, readTomlLockEntries } from '@slipway/policy-core';
import { afterAll, expect } from 'vitest';
import { ADOPTION_LINES, expectOutcome, SlipwayOnPath, verdictOf } from '../helpers/adoption-guide.js';
import { TempRepo } from '../helpers/git-repo.js';
import { runProcess } from '../helpers/run-process.js';
import { alembicProject, filesUnder, newRevision, versionsOf } from './alembic-project.js';
import { CORPUS_DIR, itWithData } from './corpus-dir.js';

/**
 * The deploy guide's "Adopting through a pull request" on real projects: an Alembic history
 * (Glance, committed beside these tests), the plain-SQL project of sql-project.test.ts with real
 * pip-compile requirements, a uv workspace and a Poetry project (the shared corpus, read in
 * place), each committed as years of history on main. The guide's lines run as printed, through
 * bash, with the built CLI on PATH: the adoption pull request green, though the history holds
 * destructive migrations and a lock that misses a requirement, in lines it does not touch; an
 * unrelated pull request green, though it edits a destructive admin script or a dependency file
 * outside its declarations; an agent's destructive one red with the findings its project's change
 * must draw, and only those.
 *
 * Only two lines are the project's own, because the guide's example repository is not: the
 * unrelated change (the guide appends to `app/settings.py`, which none of these has) edits a file
 * of the project that is no migration and no dependency declaration, and the agent's change (the
 * guide writes `db/migrations/0002_drop_orders.sql`) is a destructive change of the project's own
 * kind. Both guide lines must still be there: a guide that changes breaks this test.
 */
const UNRELATED = ADOPTION_LINES.findIndex((l) => l.includes('app/settings.py'));
const DESTRUCTIVE = ADOPTION_LINES.findIndex((l) => l.includes('db/migrations/0002_drop_orders.sql'));

interface Project {
  name: string;
  /** The real data it is made of (a missing corpus fails the test, never skips it). */
  data: string;
  /** Lays the history into the repository. */
  lay: (repo: TempRepo) => void;
  /** The findings `slipway baseline` accepts in the history, which the adoption must not be red for. */
  baselined: number;
  /** Where the history keeps its migrations, and a destructive statement it holds there. */
  history?: [dir: string, destructive: RegExp];
  /** The unrelated change: a shell line, in place of the guide's. */
  unrelated: string;
  /** The agent's destructive change, in place of the guide's; returns what the red check must name. */
  destructive: (repo: TempRepo) => string;
  /**
   * What the agent's pull request must draw, and only that. Run locally as the guide does, the
   * labels are unknown: the rules that want one (PATH003, DEP006) warn and name it; in CI, which
   * reads the pull request's labels, they are errors too.
   */
  red: string[];
}

const SQL = fileURLToPath(new URL('./sql-project/admin-updates/', import.meta.url));
// pip-compile requirements whose lock lost its `django==` line by hand (corpus SOURCES.md).
const REQUIREMENTS = join(CORPUS_DIR, 'pip-compile', 'openedx__edx-django-utils__test');
const GLANCE = versionsOf('glance') as string;
const UV = join(CORPUS_DIR, 'uv-lock', 'fastapi__full-stack-fastapi-template');
const POETRY = join(CORPUS_DIR, 'poetry-lock', 'Textualize__rich');

/** The first head init took as already run (migrations.applied_through). */
function appliedHead(dir: string): string {
  const policy = parsePolicyText(readFileSync(join(dir, 'slipway.yaml'), 'utf8'), 'slipway.yaml');
  const through = policy.document?.policy.migrations?.applied_through ?? [];
  return (Array.isArray(through) ? through[0] : through) as string;
}

/**
 * An agent's lock edit that loses a declared dependency: the `[[package]]` entry of a declaration
 * (of a pair init wrote) that every environment needs is cut out of the lock; a runtime
 * dependency's rather than a group's tool where the project declares one.
 */
function dropLockedDeclaration(repo: TempRepo): string {
  const read = (path: string) => readFileSync(join(repo.dir, path), 'utf8');
  const pairs = [...read('slipway.yaml').matchAll(/- requirements: "([^"]+)".*\n\s+lock: "([^"]+)"/g)];
  const needed = pairs.flatMap(([, requirements = '', lock = '']) => {
    const format = detectLockFormat(lock) as 'uv' | 'poetry';
    const entries = readTomlLockEntries(lock, read(lock), format).entries;
    return readPyproject(read(requirements), format).requirements.flatMap((d) => {
      const entry = entries.find((e) => e.key === d.key);
      return entry && !d.markerText && !d.python ? [{ d, entry, lock }] : [];
    });
  });
  const pick = needed.find((n) => !/group|dev/.test(n.d.section)) ?? needed[0];
  if (!pick) throw new Error('no declared dependency with a lock entry in the pairs init wrote');
  const text = read(pick.lock);
  const from = text.lastIndexOf('[[package]]\n', pick.entry.start);
  const next = /^\[(\[package\]\]|metadata\]|metadata\.)/m.exec(text.slice(pick.entry.end));
  const to = next ? pick.entry.end + next.index : text.length;
  writeFileSync(join(repo.dir, pick.lock), text.slice(0, from) + text.slice(to));
  return `\`${pick.d.name}\``;
}

const PROJECTS: Project[] = [
  {
    name: 'Glance (Alembic)',
    data: GLANCE,
    lay: (repo) => repo.write(alembicProject('glance', GLANCE)),
    baselined: 0,
    history: [GLANCE, /op\.drop_(table|column)\(/],
    unrelated: `echo "Run the migrations with alembic upgrade head." >> README.md`,
    destructive: (repo) => {
      repo.write({ 'migrations/versions/ffff00000001_drop_legacy.py': newRevision(appliedHead(repo.dir)) });
      return 'migrations/versions/ffff00000001_drop_legacy.py';
    },
    red: ['error MIG002', 'warning MIG037', 'warning PATH003'],
  },
  {
    // The service's Python requirements beside its SQL: a real pair (another project's) with a real
    // defect years old (DEP003: its test lock lacks `django`), in lines the adoption does not touch.
    name: 'plain SQL with admin scripts, and pip-compile requirements',
    data: REQUIREMENTS,
    lay: (repo) => {
      cpSync(SQL, repo.dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
      cpSync(REQUIREMENTS, repo.dir, { recursive: true });
    },
    baselined: 1,
    history: [join(SQL, 'admin/sql/updates'), /DROP TABLE/],
    // An admin script run by hand, beside the migrations: destructive, and no migration.
    unrelated: `echo "TRUNCATE TABLE user_session CASCADE;" >> admin/sql/reset_tables.sql`,
    destructive: (repo) => {
      const file = 'admin/sql/updates/2026-11-25-drop-user-setting.sql';
      repo.write({ [file]: 'BEGIN;\n\nDROP TABLE user_setting;\n\nCOMMIT;\n' });
      return file;
    },
    red: ['error MIG001', 'warning MIG037', 'warning PATH003'],
  },
  {
    name: 'uv workspace (fastapi/full-stack-fastapi-template)',
    data: UV,
    lay: (repo) => cpSync(UV, repo.dir, { recursive: true }),
    baselined: 0,
    // The dependency file, outside its declarations: no dependency change.
    unrelated: `sed -i 's/^description = ""$/description = "The template API"/' backend/pyproject.toml`,
    destructive: dropLockedDeclaration,
    // DEP018 too: another entry (sentry-sdk's fastapi extra) still needs the entry cut out.
    red: ['error DEP003', 'error DEP018', 'error PATH002', 'warning BR003', 'warning DEP006'],
  },
  {
    name: 'Poetry project (Textualize/rich)',
    data: POETRY,
    lay: (repo) => cpSync(POETRY, repo.dir, { recursive: true }),
    baselined: 0,
    unrelated: `sed -i 's/^description = .*/description = "Rich text in the terminal"/' pyproject.toml`,
    destructive: dropLockedDeclaration,
    red: ['error DEP003', 'error DEP018', 'error PATH002', 'warning BR003', 'warning DEP006'],
  },
];

const onPath = new SlipwayOnPath();
const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
  onPath.dispose();
});

for (const p of PROJECTS)
  itWithData(
    `${p.name}: the guide's adoption pull request and an unrelated one green, an agent's destructive one red`,
    p.data,
    async () => {
      expect([UNRELATED, DESTRUCTIVE].map((i) => ADOPTION_LINES[i]?.slice(0, 4))).toEqual(['echo', 'echo']);
      const repo = new TempRepo();
      repos.push(repo);
      p.lay(repo);
      repo.commit('years of history');
      if (p.history) {
        const [dir, destructive] = p.history;
        expect(
          Object.values(filesUnder(dir, '.')).join('\n'),
          'a destructive migration in the history',
        ).toMatch(destructive);
      }
      let named = '';
      for (const [i, line] of ADOPTION_LINES.entries()) {
        if (i === DESTRUCTIVE) {
          named = p.destructive(repo);
          continue;
        }
        const run = i === UNRELATED ? p.unrelated : line;
        const r = await runProcess('bash', ['-c', run], { cwd: repo.dir, env: onPath.env });
        const verdict = verdictOf(line)?.verdict;
        expectOutcome(line, r, verdict === 'red' ? p.red : undefined);
        if (verdict === 'red') expect(r.stdout).toContain(named);
        if (line.startsWith('slipway baseline'))
          expect(r.stdout).toMatch(
            new RegExp(`^wrote \\.slipway/baseline\\.json: ${p.baselined} findings? in`),
          );
        // The adoption: green, its baseline holding what the history already had.
        if (verdict === 'green' && line.includes('--label') && p.baselined > 0)
          expect(r.stdout).toContain(`${p.baselined} baselined finding`);
      }
    },
  );

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DjangoOperation,
  initSqlParser,
  MemoryRepo,
  MigrationAnalyzer,
  type MigrationModule,
} from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithData } from './corpus-dir.js';

/**
 * Real Django histories, Slipway's reader against an oracle on CPython's own parser
 * (scripts/django-oracle.py, no Django import): for every migration file, its dependencies, its
 * operations (class, model, field, line; SeparateDatabaseAndState's database side only) and the
 * tables and columns its DeleteModel / RemoveField drop, as Django names them. The histories come
 * from Debian's packages (scripts/fetch-django-corpus.sh, run by `pnpm test`'s prerequisites):
 * Django 3.2's contrib apps (admin, auth, contenttypes, flatpages, redirects, sessions, sites) and
 * django-allauth, -axes, -guardian, -oauth-toolkit, -organizations, -cas-server, -invitations and
 * -mailman3: 18 apps, 61 migrations.
 */
beforeAll(() => initSqlParser());

const ORACLE = fileURLToPath(new URL('../../scripts/django-oracle.py', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../scripts/fetch-django-corpus.sh', import.meta.url));
const CACHE = join(process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'), 'django');

interface OracleMigration {
  name: string;
  dependencies: [string, string][];
  operations: string[];
  destructive: string[];
  atomic: boolean;
  replaces: [string, string][];
  /** Uses of an imported model in the functions RunPython runs (MIG049). */
  model_imports: string[];
}

/** Every `migrations` folder under dir. */
function folders(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (!statSync(full).isDirectory()) continue;
    if (name === 'migrations') out.push(full);
    else out.push(...folders(full));
  }
  return out;
}

/** The operations whose model and field the oracle lists (its `model` / `field`). */
const WITH_MODEL = new Set([
  'AddField',
  'RemoveField',
  'AlterField',
  'RenameField',
  'CreateModel',
  'DeleteModel',
]);
const WITH_FIELD = new Set(['AddField', 'RemoveField', 'AlterField']);

/** The operations as the oracle writes them: "<line> <Class> <model> <field>". */
function operationKeys(ops: readonly DjangoOperation[]): string[] {
  return ops.flatMap((o) =>
    o.name === 'SeparateDatabaseAndState'
      ? operationKeys(o.database ?? [])
      : [
          [
            o.range.start.line + 1,
            o.name,
            WITH_MODEL.has(o.name) ? (o.model ?? '') : '',
            WITH_FIELD.has(o.name) ? (o.field ?? '') : '',
          ]
            .join(' ')
            .trim(),
        ],
  );
}

function modelImportKeys(ops: readonly DjangoOperation[]): string[] {
  return ops
    .flatMap((o) =>
      o.name === 'SeparateDatabaseAndState'
        ? modelImportKeys(o.database ?? [])
        : (o.modelImports ?? []).map((u) => `${u.range.start.line + 1} ${u.fn} ${u.model}`),
    )
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));
}

/** Slipway's reading of one app folder, in the oracle's shape. */
function slipwayReading(folder: string): { app: string; migrations: OracleMigration[] } {
  const files: Record<string, string> = {};
  for (const f of readdirSync(folder).sort())
    if (f.endsWith('.py')) files[`app/migrations/${f}`] = readFileSync(join(folder, f), 'utf8');
  const label = folder.split('/').slice(-2)[0] as string;
  const root = `${label}/migrations`;
  const repo = new MemoryRepo(
    Object.fromEntries(Object.entries(files).map(([p, t]) => [p.replace('app/migrations', root), t])),
  );
  const analysis = new MigrationAnalyzer().analyze(repo, { alembic: [], sqlFiles: [], django: [root] });
  const tree = analysis.trees[0];
  const migrations = (tree?.modules ?? []).map((m: MigrationModule) => {
    const d = m.django;
    return {
      name: m.path.slice(m.path.lastIndexOf('/') + 1, -3),
      dependencies: [
        ...(m.downRevision?.values ?? []).map((v) => [label, v] as [string, string]),
        ...(d?.crossApp ?? []).map((r) => [r.app, r.name] as [string, string]),
      ],
      operations: operationKeys(d?.operations ?? []),
      destructive: (m.upgrade?.ops ?? [])
        .filter((o) => o.kind === 'drop_table' || o.kind === 'drop_column')
        .map(
          (o) =>
            `${o.range.start.line + 1} ${o.kind} ${o.table}${o.kind === 'drop_column' ? `.${o.column}` : ''}`,
        ),
      atomic: d?.atomic ?? true,
      replaces: (d?.replaces ?? []).map((r) => [r.app, r.name] as [string, string]),
      model_imports: modelImportKeys(d?.operations ?? []),
    };
  });
  return { app: tree?.django ?? '', migrations };
}

const sortPairs = (pairs: [string, string][], app: string) =>
  pairs
    // A same-app `__first__` is no edge of the graph (Django resolves it to the app's first migration).
    .filter(([a, n]) => !(a === app && n.startsWith('__')))
    .map((p) => p.join('.'))
    .sort();

describeWithData(
  'Django corpus (cache from scripts/fetch-django-corpus.sh)',
  existsSync(CACHE) && readdirSync(CACHE).length > 0,
  () => {
    const apps = readdirSync(CACHE)
      .sort()
      .flatMap((pkg) => folders(join(CACHE, pkg)).map((f) => ({ pkg, folder: f })));
    it('holds every package scripts/fetch-django-corpus.sh lists, and real migrations', () => {
      const listed = /^packages=\(([\s\S]*?)^\)/m.exec(readFileSync(SCRIPT, 'utf8'))?.[1] ?? '';
      const names = listed
        .split(/\s+/)
        .filter(Boolean)
        .map((p) => p.replace(/^python3-/, ''));
      expect(names.filter((n) => !existsSync(join(CACHE, '..', 'fetched-django', n)))).toEqual([]);
      expect(apps.length).toBeGreaterThanOrEqual(18);
    });
    // One run of the oracle for every app: a Python start costs seconds on a loaded machine.
    let oracles: Record<string, { app: string; migrations: OracleMigration[] }> = {};
    beforeAll(() => {
      oracles = JSON.parse(
        execFileSync('python3', [ORACLE, ...apps.map((a) => a.folder)], { encoding: 'utf8' }),
      );
    });
    it('the oracle finds drops to compare (so agreement is no agreement on nothing)', () => {
      const drops = Object.values(oracles).flatMap((o) => o.migrations.flatMap((m) => m.destructive));
      expect(drops.length).toBeGreaterThanOrEqual(9);
    });
    for (const { pkg, folder } of apps) {
      it(`${pkg}: ${relative(join(CACHE, pkg), folder)} reads as the oracle reads it`, () => {
        const oracle = oracles[folder] ?? { app: '', migrations: [] };
        const slipway = slipwayReading(folder);
        expect(slipway.app).toBe(oracle.app);
        expect(oracle.migrations.length).toBeGreaterThan(0);
        expect(slipway.migrations.map((m) => m.name)).toEqual(oracle.migrations.map((m) => m.name));
        for (const [i, o] of oracle.migrations.entries()) {
          const s = slipway.migrations[i] as OracleMigration;
          expect({ name: s.name, deps: sortPairs(s.dependencies, oracle.app) }).toEqual({
            name: o.name,
            deps: sortPairs(o.dependencies, oracle.app),
          });
          expect({ name: s.name, ops: s.operations, drops: s.destructive, atomic: s.atomic }).toEqual({
            name: o.name,
            ops: o.operations,
            drops: o.destructive,
            atomic: o.atomic,
          });
          expect(s.replaces.map((p) => p.join('.'))).toEqual(o.replaces.map((p) => p.join('.')));
          expect({ name: s.name, modelImports: s.model_imports }).toEqual({
            name: o.name,
            modelImports: o.model_imports,
          });
        }
      });
    }
  },
  `the Django corpus cache ${CACHE} is empty (run scripts/fetch-django-corpus.sh)`,
);

// MIG049's fixtures through the same oracle: the real histories above have data migrations that
// all use `apps.get_model` (near misses), so the positives are compared here.
describe('the imported models of data migrations, against the oracle', () => {
  const FIXTURES = fileURLToPath(
    new URL('../../packages/policy-core/test/rules/migrations/fixtures/MIG049', import.meta.url),
  );
  it('finds what the oracle finds in the trigger and nothing in the near miss', () => {
    const dirs = ['trigger', 'near-miss'].map((d) => join(FIXTURES, d, 'shop', 'migrations'));
    const oracles: Record<string, { migrations: OracleMigration[] }> = JSON.parse(
      execFileSync('python3', [ORACLE, ...dirs], { encoding: 'utf8' }),
    );
    const found = dirs.map((dir) => {
      const ours = slipwayReading(dir).migrations.map((m) => m.model_imports);
      expect(ours).toEqual(oracles[dir]?.migrations.map((m) => m.model_imports));
      return ours.flat();
    });
    expect(found[0]).toHaveLength(5);
    expect(found[1]).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Alembic histories whose revisions read .sql files and run them, Slipway against an oracle on
 * CPython's own parser (scripts/alembic-sql-load-oracle.py, which evaluates each execute's
 * argument with Python's strings and paths): the files the revisions load must be the same, and
 * so must the executes whose SQL is not known statically (Slipway's MIG030 in a revision), apart
 * from the disagreements listed and explained below.
 *
 * The histories are fixtures written for this test (their own tables, SQL and revision ids), not
 * real projects' histories, in two layouts real projects use:
 * - helper-beside (test/corpus/alembic-sql/helper-beside): four revisions load `<name>.sql` beside
 *   them through a module-level `sqlfile(name)` helper
 *   (`os.path.join(os.path.dirname(__file__), name + '.sql')`, `sa.text(fo.read())`, run on
 *   `op.get_bind()`); a fifth names its file from its own file name through a tuple target.
 * - sibling-sql-folder (test/corpus/alembic-sql/sibling-sql-folder): each revision runs
 *   `../sql/upgrade/<its file stem>.sql` and `../sql/downgrade/<its file stem>.sql`, outside the
 *   version folder, where MIG121 looked before.
 * - named-in-loops (test/corpus/alembic-sql/named-in-loops): revisions name their files in the
 *   strings they read them with: a loop over a literal list or tuple (`(SQL_DIR / name).read_text()`,
 *   `with open(HERE / "sql" / f) as fh`, a helper given the loop variable), an f-string of the
 *   revision id; and one loops over `os.listdir`, which neither side follows.
 */
beforeAll(() => initSqlParser());

const ORACLE = fileURLToPath(new URL('../../scripts/alembic-sql-load-oracle.py', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./alembic-sql/', import.meta.url));
/** The fixtures, by folder: named here so that a missing one fails instead of going untested. */
const CASES = ['helper-beside', 'named-in-loops', 'sibling-sql-folder'];

const EXPLAINED: Record<string, Record<string, string>> = {
  'helper-beside': {
    'oracle only: load 20240507_b2c7a5e4f918_rollup_gap_fill.sql':
      "the revision names its file with `name, _ = os.path.basename(__file__).rsplit('.', 1)`: a tuple target binds no name Slipway follows, so the call is MIG030 (next line) and the file is not claimed",
    'slipway only: unread 20240507_b2c7a5e4f918_rollup_gap_fill.py:28':
      'the same call: its SQL is not known to Slipway statically, which says so (MIG030, info) instead of guessing',
  },
};

interface Sides {
  loads: string[];
  unread: string[];
}

/** Every .py and .sql file under `dir`, by its path relative to the case's folder. */
function sources(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, sources(join(dir, entry.name), rel));
    else if (entry.name.endsWith('.py') || entry.name.endsWith('.sql'))
      out[rel] = readFileSync(join(dir, entry.name), 'utf8');
  }
  return out;
}

/** Slipway's side, with paths as the oracle gives them: relative to the version folder. */
function slipwaySides(caseDir: string): Sides & { sqlFindings: string[] } {
  const files = sources(caseDir);
  const text = 'version: 1\nmigrations:\n  alembic: versions\n';
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('corpus policy');
  const repo = new MemoryRepo({ 'slipway.yaml': text, ...files });
  const { findings, filesChecked } = migrationFamily.check({ policy, repo, now: new Date(), env: {} });
  const rel = (p: string) => posix.relative('versions', p);
  return {
    loads: filesChecked
      .filter((p) => p.endsWith('.sql'))
      .map(rel)
      .sort(),
    unread: findings
      .filter((f) => f.rule === 'MIG030' && f.file.endsWith('.py'))
      .map((f) => `${rel(f.file)}:${f.range.start.line + 1}`)
      .sort(),
    sqlFindings: findings.filter((f) => f.file.endsWith('.sql')).map((f) => `${f.rule} ${rel(f.file)}`),
  };
}

function disagreements(slipway: Sides, oracle: Sides): string[] {
  const out: string[] = [];
  for (const kind of ['loads', 'unread'] as const) {
    const word = kind === 'loads' ? 'load' : 'unread';
    const s = new Set(slipway[kind]);
    const o = new Set(oracle[kind]);
    for (const k of slipway[kind]) if (!o.has(k)) out.push(`slipway only: ${word} ${k}`);
    for (const k of oracle[kind]) if (!s.has(k)) out.push(`oracle only: ${word} ${k}`);
  }
  return out.sort();
}

describe('Alembic histories that load .sql files (written fixtures)', () => {
  it('the fixture folders are the ones named here', () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((e) => e.name).sort()).toEqual(CASES);
  });
  for (const name of CASES) {
    it(`${name}: the files Slipway finds each revision runs agree with the oracle`, () => {
      const versions = join(FIXTURES, name, 'versions');
      const oracle = JSON.parse(execFileSync('python3', [ORACLE, versions], { encoding: 'utf8' }));
      expect(oracle.revisions).toBeGreaterThan(0);
      expect(oracle.loads.length).toBeGreaterThan(0);
      const slipway = slipwaySides(join(FIXTURES, name));
      expect(disagreements(slipway, oracle)).toEqual(Object.keys(EXPLAINED[name] ?? {}).sort());
      // The loaded files' statements were judged at their revisions, and none is MIG121.
      expect(slipway.sqlFindings.length).toBeGreaterThan(0);
      expect(slipway.sqlFindings.filter((f) => f.startsWith('MIG121'))).toEqual([]);
    });
  }
});

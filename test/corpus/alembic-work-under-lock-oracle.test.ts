import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithData } from './corpus-dir.js';
import { slipwayKeys } from './alembic-corpus.js';

/**
 * Real Alembic histories (the corpus cache of scripts/fetch-corpus.sh, and Glance committed) against
 * an oracle on CPython's own parser (scripts/alembic-work-under-lock-oracle.py) for MIG044: rows
 * worked through (a backfill UPDATE or DELETE, an index built without CONCURRENTLY) while upgrade()'s
 * transaction holds an ACCESS EXCLUSIVE lock on a table it did not create. Both ways:
 * - each revision where the oracle reads such work has Slipway's MIG044 at or before it (Slipway
 *   reads more kinds of work, so it may find an earlier one), and after the oracle's first lock;
 * - each MIG044 Slipway reports sits in a revision where the oracle reads such a lock. (Lines are
 *   compared one way only: Slipway places a helper's statement on its line in the helper, the
 *   oracle orders it at upgrade()'s call of the helper.)
 * In the 32 cached trees the oracle finds such work in 27 revisions (Glance 4, Mailman 3 4, ...).
 */
beforeAll(() => initSqlParser());

const ORACLE = fileURLToPath(new URL('../../scripts/alembic-work-under-lock-oracle.py', import.meta.url));
const COMMITTED = fileURLToPath(new URL('./alembic/', import.meta.url));
const CACHE = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);

interface WorkOracle {
  locks: Record<string, number>;
  work: Record<string, [number, number]>;
  revisions: number;
}

const oracle = (versions: string): WorkOracle =>
  JSON.parse(execFileSync('python3', [ORACLE, versions], { encoding: 'utf8' }));

/**
 * MySQL's multiple-table UPDATE (`UPDATE a INNER JOIN b ON ... SET ...`, MySQL 8.0 Reference Manual,
 * "UPDATE Statement") is not PostgreSQL's, whose UPDATE names other tables in FROM
 * (https://www.postgresql.org/docs/current/sql-update.html): its parser rejects the statement
 * (syntax error at or near "INNER"), so Slipway reports it unread (MIG030, checked below), not as
 * work; the oracle reads only the statement's first words.
 */
const MYSQL_UPDATE = 'MySQL-only UPDATE ... INNER JOIN: PostgreSQL rejects it; Slipway says MIG030';

/** Where Slipway and the oracle may differ, and why (each with its source). */
const EXPLAINED: Record<string, Record<string, string>> = {
  'magnum (cache)': {
    '95096e2334ee_add_master_lb_enabled_to_cluster.py: oracle reads work at 43, MIG044 missing': MYSQL_UPDATE,
    'c04e925e65c2_nodegroups_v2.py: oracle reads work at 50, MIG044 missing': MYSQL_UPDATE,
  },
};

/** Revisions with work found, across the trees: the oracle must find some, or it tests nothing. */
let found = 0;

function workCase(name: string, versions: string) {
  it(`${name}: MIG044 where rows are worked under a held ACCESS EXCLUSIVE lock`, () => {
    const expected = oracle(versions);
    expect(expected.revisions).toBeGreaterThan(0);
    found += Object.keys(expected.work).length;
    const keys = slipwayKeys(versions, new Set(['MIG030', 'MIG044']));
    const unread = new Set(
      keys.filter((k) => k.startsWith('MIG030 ')).map((k) => k.slice(7, k.lastIndexOf(':'))),
    );
    const mig044 = new Map<string, number>();
    for (const k of keys.filter((k) => k.startsWith('MIG044 '))) {
      const at = k.slice('MIG044 '.length);
      const file = at.slice(0, at.lastIndexOf(':'));
      const line = Number(at.slice(at.lastIndexOf(':') + 1));
      mig044.set(file, Math.min(mig044.get(file) ?? line, line));
    }
    const problems: string[] = [];
    for (const [file, [, last]] of Object.entries(expected.work)) {
      const at = mig044.get(file);
      if (at === undefined || at > last)
        problems.push(`${file}: oracle reads work at ${last}, MIG044 ${at ?? 'missing'}`);
    }
    for (const [file, line] of mig044) {
      if (expected.locks[file] === undefined)
        problems.push(`${file}:${line}: MIG044 with no lock in the oracle's reading`);
    }
    // An explained miss stands only while Slipway says it could not read the statement.
    for (const [problem, why] of Object.entries(EXPLAINED[name] ?? {}))
      if (why === MYSQL_UPDATE) expect(unread, problem).toContain(problem.slice(0, problem.indexOf(':')));
    expect(problems.sort(), 'each disagreement must be explained').toEqual(
      Object.keys(EXPLAINED[name] ?? {}).sort(),
    );
  });
}

describe('Alembic corpus: work under a held ACCESS EXCLUSIVE lock (committed)', () => {
  for (const name of readdirSync(COMMITTED).sort()) workCase(name, join(COMMITTED, name, 'versions'));
});

const cached = existsSync(CACHE) ? readdirSync(CACHE).sort() : [];
describeWithData(
  'Alembic corpus: work under a held ACCESS EXCLUSIVE lock (cache from scripts/fetch-corpus.sh)',
  cached.length > 0,
  () => {
    for (const name of cached) workCase(`${name} (cache)`, join(CACHE, name, 'versions'));
    it('the oracle found work in the corpus (an oracle that finds nothing tests nothing)', () => {
      expect(found).toBeGreaterThanOrEqual(20);
    });
  },
  `the Alembic corpus cache ${CACHE} is empty (run scripts/fetch-corpus.sh)`,
);

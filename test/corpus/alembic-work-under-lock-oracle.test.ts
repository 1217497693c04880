import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithData } from './corpus-dir.js';
import { alembicTreeFolders, slipwayKeys } from './alembic-corpus.js';
import { batchedOracle } from './oracle-batch.js';

/**
 * Real Alembic histories (the corpus cache of scripts/fetch-corpus.sh, and the trees committed) against
 * an oracle on CPython's own parser (scripts/alembic-work-under-lock-oracle.py), for two rules:
 * MIG044, rows worked through (a backfill UPDATE or DELETE, an index built without CONCURRENTLY)
 * while upgrade()'s transaction holds an ACCESS EXCLUSIVE lock on a table it did not create, and
 * MIG047 (the oracle's --write), rows written or validated while it holds a lock that blocks only
 * writes (an index build, a foreign key, CREATE TABLE ... REFERENCES, a trigger). Both ways:
 * - each revision where the oracle reads such work has Slipway's finding at or before it (Slipway
 *   reads more kinds of work, so it may find an earlier one), and after the oracle's first lock;
 * - each finding Slipway reports sits in a revision where the oracle reads such a lock. (Lines are
 *   compared one way only: Slipway places a helper's statement on its line in the helper, the
 *   oracle orders it at upgrade()'s call of the helper.)
 * In the 32 cached trees the oracle finds MIG044's work in 27 revisions (Glance 4, Mailman 3 4, ...);
 * MIG047's kind of lock in over 100 revisions but its work in none, and Slipway reports none there:
 * the second direction is what holds it to no false alarm on real data.
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

const FOLDERS = () => alembicTreeFolders(COMMITTED, CACHE);
/** The oracle's reading for MIG044 (locks blocking reads and writes) or MIG047 (writes only: --write). */
const readings = {
  MIG044: batchedOracle<WorkOracle>(ORACLE, [], FOLDERS),
  MIG047: batchedOracle<WorkOracle>(ORACLE, ['--write'], FOLDERS),
};
const oracle = (versions: string, rule: Rule): WorkOracle => readings[rule](versions);

type Rule = 'MIG044' | 'MIG047';
const LOCKS: Record<Rule, string> = {
  MIG044: 'a held ACCESS EXCLUSIVE lock',
  MIG047: 'a held lock that blocks writes (SHARE, SHARE ROW EXCLUSIVE)',
};

/**
 * MySQL's multiple-table UPDATE (`UPDATE a INNER JOIN b ON ... SET ...`, MySQL 8.0 Reference Manual,
 * "UPDATE Statement") is not PostgreSQL's, whose UPDATE names other tables in FROM
 * (https://www.postgresql.org/docs/current/sql-update.html): its parser rejects the statement
 * (syntax error at or near "INNER"), so Slipway reports it unread (MIG030, checked below), not as
 * work; the oracle reads only the statement's first words.
 */
const MYSQL_UPDATE = 'MySQL-only UPDATE ... INNER JOIN: PostgreSQL rejects it; Slipway says MIG030';

/** Where Slipway and the oracle may differ, and why (each with its source), by rule and tree. */
const EXPLAINED: Record<string, Record<string, string>> = {
  'MIG044 magnum (cache)': {
    '95096e2334ee_add_master_lb_enabled_to_cluster.py: oracle reads work at 43, MIG044 missing': MYSQL_UPDATE,
    'c04e925e65c2_nodegroups_v2.py: oracle reads work at 50, MIG044 missing': MYSQL_UPDATE,
  },
};

/** Revisions with work (and with locks) found, across the trees: an oracle that finds nothing tests nothing. */
const found = { MIG044: 0, MIG047: 0 };
const locksFound = { MIG044: 0, MIG047: 0 };

function workCase(name: string, versions: string, rule: Rule) {
  it(`${name}: ${rule} where rows are worked under ${LOCKS[rule]}`, () => {
    const expected = oracle(versions, rule);
    expect(expected.revisions).toBeGreaterThan(0);
    found[rule] += Object.keys(expected.work).length;
    locksFound[rule] += Object.keys(expected.locks).length;
    const keys = slipwayKeys(versions, new Set(['MIG030', rule]));
    const unread = new Set(
      keys.filter((k) => k.startsWith('MIG030 ')).map((k) => k.slice(7, k.lastIndexOf(':'))),
    );
    const reported = new Map<string, number>();
    for (const k of keys.filter((k) => k.startsWith(`${rule} `))) {
      const at = k.slice(`${rule} `.length);
      const file = at.slice(0, at.lastIndexOf(':'));
      const line = Number(at.slice(at.lastIndexOf(':') + 1));
      reported.set(file, Math.min(reported.get(file) ?? line, line));
    }
    const problems: string[] = [];
    for (const [file, [, last]] of Object.entries(expected.work)) {
      const at = reported.get(file);
      if (at === undefined || at > last)
        problems.push(`${file}: oracle reads work at ${last}, ${rule} ${at ?? 'missing'}`);
    }
    for (const [file, line] of reported) {
      if (expected.locks[file] === undefined)
        problems.push(`${file}:${line}: ${rule} with no lock in the oracle's reading`);
    }
    const explained = EXPLAINED[`${rule} ${name}`] ?? {};
    // An explained miss stands only while Slipway says it could not read the statement.
    for (const [problem, why] of Object.entries(explained))
      if (why === MYSQL_UPDATE) expect(unread, problem).toContain(problem.slice(0, problem.indexOf(':')));
    expect(problems.sort(), 'each disagreement must be explained').toEqual(Object.keys(explained).sort());
  });
}

describe('Alembic corpus: work under a held lock (committed)', () => {
  for (const rule of ['MIG044', 'MIG047'] as const)
    for (const name of readdirSync(COMMITTED).sort()) workCase(name, join(COMMITTED, name, 'versions'), rule);
});

const cached = existsSync(CACHE) ? readdirSync(CACHE).sort() : [];
describeWithData(
  'Alembic corpus: work under a held lock (cache from scripts/fetch-corpus.sh)',
  cached.length > 0,
  () => {
    for (const rule of ['MIG044', 'MIG047'] as const)
      for (const name of cached) workCase(`${name} (cache)`, join(CACHE, name, 'versions'), rule);
    it('the oracle found work in the corpus (an oracle that finds nothing tests nothing)', () => {
      expect(found.MIG044).toBeGreaterThanOrEqual(20);
      // MIG047's kind of lock is common (index builds, foreign keys); its work is not in these trees.
      expect(locksFound.MIG047).toBeGreaterThanOrEqual(100);
    });
  },
  `the Alembic corpus cache ${CACHE} is empty (run scripts/fetch-corpus.sh)`,
);

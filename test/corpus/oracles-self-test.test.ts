import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from '../helpers/python.js';

/**
 * The corpus tests hold Slipway to Python oracles (scripts/*-oracle.py); this holds the oracles to
 * hand-written cases whose answer is known from the sources their rules cite (issue 54, §3):
 * scripts/oracles-self-test.py runs every oracle on its cases in one Python process. Each oracle
 * has a case where it must find something: an oracle that finds nothing fails here.
 */
const SELF_TEST = fileURLToPath(new URL('../../scripts/oracles-self-test.py', import.meta.url));

/** Every case the script must answer (one missing is a failure, not a shorter list). */
const CASES = [
  'alembic: drops, a scratch table, dialect branches, an empty downgrade',
  'alembic: two heads with the same labels',
  'alembic: two heads on labelled lines (near miss)',
  'index: builds that lock a table that existed, and lock_timeout',
  'work: rows worked under a held ACCESS EXCLUSIVE lock',
  'work: rows worked under a held lock that blocks writes (--write)',
  'enums: values added in a transaction, and used there',
  'sql-load: the files a revision reads, an execute not known statically',
  'pop: what PostgreSQL runs, and its drops',
  "requirements: pip's lines, packaging's requirements",
];

type Results = Record<string, { want: unknown; got: unknown }>;
let results: Results;

beforeAll(() => {
  results = JSON.parse(execFileSync(PYTHON, [SELF_TEST], { encoding: 'utf8' })) as Results;
});

describe('the oracles on hand-written cases', () => {
  it('answers exactly the listed cases', () => {
    expect(Object.keys(results).sort()).toEqual([...CASES].sort());
  });

  it.each(CASES)('%s', (name) => {
    const result = results[name];
    expect(result, name).toBeDefined();
    expect(result?.got).toEqual(result?.want);
  });
});

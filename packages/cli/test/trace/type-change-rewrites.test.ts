import {
  buildTracePlan,
  createMigrationFamily,
  rulesOf,
  initMigrationParsers,
  MemoryRepo,
  MigrationAnalyzer,
  parsePolicyText,
} from '@slipway/policy-core';
import { runTracePlan } from '@slipway/policy-core/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTraceDb } from '../../src/trace/open-trace-db.js';
import { migration } from '../db/alembic-repo.js';

/**
 * MIG024 (column type change) against the real PostgreSQL: for each `op.alter_column(type_=...)`
 * the static rule reports exactly when the embedded PostgreSQL really rewrote the table. The
 * widenings PostgreSQL does in place (a varchar limit raised or removed, varchar to text, a
 * numeric precision raised at the same scale) must be silent; the rest must be reported.
 */
const HISTORY = `CREATE TABLE t (
  v60 varchar(60), v36 varchar(36), v15 varchar(15), tx text, tx2 text, vu varchar,
  n10 numeric(10, 2), n10b numeric(10, 2), n10c numeric(10, 2), nu numeric, c2 char(2), big varchar(255),
  ts tsvector, ar varchar(10)[], ai integer[]
);
INSERT INTO t VALUES ('a', 'b', 'c', 'd', 'e', 'f', 1.5, 2.5, 3.5, 4.5, 'gh', 'i', 'x', '{y}', '{1}');
`;

const CHANGES = [
  "op.alter_column('t', 'v60', existing_type=sa.String(60), type_=sa.String(255))",
  "op.alter_column('t', 'v36', existing_type=sa.VARCHAR(length=36), type_=sa.Text())",
  "op.alter_column('t', 'v15', existing_type=sa.String(15), type_=sa.String())",
  "op.alter_column('t', 'tx', existing_type=sa.Text(), type_=sa.String())",
  "op.alter_column('t', 'n10', existing_type=sa.Numeric(10, 2), type_=sa.Numeric(14, 2))",
  "op.alter_column('t', 'n10b', existing_type=sa.Numeric(10, 2), type_=sa.Numeric())",
  "op.alter_column('t', 'big', existing_type=sa.String(255), type_=sa.String(60))",
  "op.alter_column('t', 'tx2', existing_type=sa.Text(), type_=sa.String(10))",
  "op.alter_column('t', 'vu', existing_type=sa.String(), type_=sa.String(10))",
  "op.alter_column('t', 'n10c', existing_type=sa.Numeric(10, 2), type_=sa.Numeric(12, 4))",
  "op.alter_column('t', 'nu', existing_type=sa.Numeric(), type_=sa.Numeric(12, 2))",
  "op.alter_column('t', 'c2', existing_type=sa.CHAR(2), type_=sa.CHAR(3))",
  "op.alter_column('t', 'ts', existing_type=postgresql.TSVECTOR(), type_=postgresql.TSVECTOR())",
  "op.alter_column('t', 'ar', existing_type=postgresql.ARRAY(sa.String(10)), type_=postgresql.ARRAY(sa.String(20)))",
  "op.alter_column('t', 'ai', existing_type=postgresql.ARRAY(sa.Integer()), type_=postgresql.ARRAY(sa.BigInteger()))",
];

const PATH = 'alembic/versions/b2_types.py';
const TEXT = migration('b2', null, CHANGES);
const firstLine = TEXT.split('\n').indexOf(`    ${CHANGES[0]}`) + 1;

let rewritten: boolean[] = [];
let reported: boolean[] = [];
beforeAll(async () => {
  await initMigrationParsers();
  const trace = await runTracePlan(
    buildTracePlan([{ path: 'db/001_base.sql', text: HISTORY }], [{ path: PATH, text: TEXT }]),
    openTraceDb,
  );
  const policy = parsePolicyText('version: 1\nmigrations:\n  alembic: alembic/versions\n').document;
  if (!policy) throw new Error('the test policy must parse');
  const { findings } = createMigrationFamily(rulesOf('MIG'), new MigrationAnalyzer()).check({
    policy,
    repo: new MemoryRepo({ [PATH]: TEXT }),
    now: new Date(),
    env: {},
  });
  const mig024 = new Set(findings.filter((f) => f.rule === 'MIG024').map((f) => f.range.start.line + 1));
  rewritten = CHANGES.map((_, i) => {
    const s = trace.statements.find((x) => x.line === firstLine + i);
    if (s?.status !== 'ok') throw new Error(`line ${firstLine + i} did not trace: ${JSON.stringify(s)}`);
    return s.rewrites.length > 0;
  });
  reported = CHANGES.map((_, i) => mig024.has(firstLine + i));
}, 120_000);

describe('MIG024 agrees with the rewrites PostgreSQL really does', () => {
  it('widenings run in place and are not reported; the rest rewrite and are', () => {
    expect(rewritten.slice(0, 12)).toEqual([
      ...[false, false, false, false, false, false],
      ...[true, true, true, true, true, true],
    ]);
    expect(rewritten.slice(12)).toEqual([false, true, true]);
    expect(reported).toEqual(rewritten);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine.js';
import { initMigrationParsers } from '../../src/index.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { MemoryRepo } from '../../src/repo.js';

// Issue 48, section 3: a function the migration creates and then calls runs its body there, so
// a DROP in that body is judged (MIG001, on the body's line). Beside each attack, its near miss:
// the same function created and never called runs nothing.

beforeAll(() => initMigrationParsers());

const POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';

function drops(sql: string): string[] {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  const repo = new MemoryRepo({ 'slipway.yaml': POLICY, 'db/001.sql': sql });
  return runCheck({ policy, repo })
    .findings.filter((f) => f.rule === 'MIG001' || f.rule === 'MIG030')
    .map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`);
}

const PLPGSQL =
  'CREATE FUNCTION retire() RETURNS void AS $$\nBEGIN\n  DROP TABLE users;\nEND\n$$ LANGUAGE plpgsql;\n';
const SQL_FN = 'CREATE PROCEDURE retire() LANGUAGE sql AS $$\n  DROP TABLE users\n$$;\n';

// [name, the migration, MIG001 expected (line of the DROP in the body), or [] for the near miss]
const CASES: [string, string, string[]][] = [
  ['a PL/pgSQL function created then SELECTed', `${PLPGSQL}SELECT retire();\n`, ['MIG001 db/001.sql:3']],
  [
    'called schema-qualified, in a FROM clause',
    `${PLPGSQL}SELECT * FROM public.retire();\n`,
    ['MIG001 db/001.sql:3'],
  ],
  [
    'a DO block that PERFORMs it',
    `${PLPGSQL}DO $$ BEGIN PERFORM retire(); END $$;\n`,
    ['MIG001 db/001.sql:3'],
  ],
  ['a LANGUAGE sql procedure CALLed', `${SQL_FN}CALL retire();\n`, ['MIG001 db/001.sql:2']],
  [
    'a function that calls another that drops',
    `${PLPGSQL}CREATE FUNCTION outer_fn() RETURNS void AS $$ BEGIN PERFORM retire(); END $$ LANGUAGE plpgsql;\nSELECT outer_fn();\n`,
    ['MIG001 db/001.sql:3'],
  ],
  [
    'a DO block that drops in its own body',
    'DO $$ BEGIN\n  DROP TABLE users;\nEND $$;\n',
    ['MIG001 db/001.sql:2'],
  ],
  ['near miss: the function created and never called', PLPGSQL, []],
  [
    'near miss: a call of a function of the same name before it is created',
    `SELECT retire();\n${PLPGSQL}`,
    [],
  ],
  [
    'near miss: a called function that only reads',
    'CREATE FUNCTION n() RETURNS int AS $$ SELECT count(*) FROM users $$ LANGUAGE sql;\nSELECT n();\n',
    [],
  ],
];

describe('a called function drops what its body drops', () => {
  for (const [name, sql, expected] of CASES)
    it(name, () => {
      expect(drops(sql)).toEqual(expected);
    });

  it('a called function whose body cannot be read is said (MIG030 at the call)', () => {
    const sql =
      "CREATE FUNCTION r() RETURNS void AS $$ BEGIN EXECUTE 'DROP TABLE ' || 'users'; END $$ LANGUAGE plpgsql;\nSELECT r();\n";
    expect(drops(sql)).toEqual(['MIG030 db/001.sql:2']);
  });
});

describe('in an Alembic revision: one op.execute creates the function, another calls it', () => {
  const POLICY_ALEMBIC = 'version: 1\nmigrations:\n  alembic: alembic/versions\n';
  const revision = (upgrade: string) =>
    `"""r"""\nfrom alembic import op\n\nrevision = "0001"\ndown_revision = None\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n    pass\n`;
  const create =
    '    op.execute("CREATE FUNCTION retire() RETURNS void AS $$ BEGIN DROP TABLE users; END $$ LANGUAGE plpgsql")\n';
  const run = (upgrade: string) => {
    const policy = parsePolicyText(POLICY_ALEMBIC, 'slipway.yaml').document;
    if (!policy) throw new Error('bad test policy');
    const repo = new MemoryRepo({
      'slipway.yaml': POLICY_ALEMBIC,
      'alembic/versions/0001_r.py': revision(upgrade),
    });
    return runCheck({ policy, repo })
      .findings.filter((f) => f.rule === 'MIG001')
      .map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`);
  };
  it('the DROP in the body is MIG001, once', () => {
    expect(run(`${create}    op.execute("SELECT retire()")`)).toEqual([
      'MIG001 alembic/versions/0001_r.py:9',
    ]);
  });
  it('created and called in one op.execute: MIG001 once, not once per pass', () => {
    const both = create.replace('LANGUAGE plpgsql")', 'LANGUAGE plpgsql; SELECT retire()")');
    expect(run(both)).toEqual(['MIG001 alembic/versions/0001_r.py:9']);
  });
  it('near miss: created and never called', () => {
    expect(run(create)).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { repoFactory } from './e2e-helpers.js';

/**
 * `slipway check --fix` on constraints added without NOT VALID (MIG025, MIG026) and SET NOT NULL
 * (MIG023), end to end: NOT VALID in place, the VALIDATE in a new migration the fix writes, the
 * rules run again, and `slipway trace` (PGlite) showing the scans under SHARE UPDATE EXCLUSIVE
 * only. One repository per runner, one --fix run and one trace each.
 */
const repo = repoFactory();

interface Statement {
  file: string;
  sql: string;
  status: string;
  locks: { mode: string; relation?: string }[];
}
/** The locks a statement held on `orders` that block its writers (SHARE and stronger), and whether it took SHARE UPDATE EXCLUSIVE. */
const WRITE_BLOCKING = new Set([
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
]);
const onOrders = (s: Statement | undefined) => {
  const modes = (s?.locks ?? []).filter((l) => l.relation === 'orders').map((l) => l.mode);
  return {
    blocking: modes.filter((m) => WRITE_BLOCKING.has(m)),
    shareUpdateExclusive: modes.includes('ShareUpdateExclusiveLock'),
  };
};
const SCAN_ONLY = { blocking: [], shareUpdateExclusive: true };

describe('slipway check --fix: NOT VALID now, VALIDATE in a new migration', () => {
  it('a plain SQL series: three hazards fixed, 003 validates them; trace: VALIDATE under SHARE UPDATE EXCLUSIVE', () => {
    const r = repo({
      'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/migrations/*.sql"]\n',
      'db/migrations/001_init.sql':
        'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint, user_id bigint, price int, note text);\n',
    });
    r.commit('init');
    r.git('checkout', '-q', '-b', 'feature');
    r.write({
      'db/migrations/002_c.sql':
        "SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT fk_o FOREIGN KEY (user_id) REFERENCES users (id);\nALTER TABLE orders ADD CONSTRAINT ck_price CHECK (price >= 0);\nALTER TABLE orders ALTER COLUMN note SET NOT NULL;\n",
    });
    r.commit('constraints');
    const fixed = slipway(['check', '--base', 'main', '--fix', '--format', 'json'], { cwd: r.dir });
    expect(fixed.stderr).toBe(
      'fixed 3 findings in db/migrations/002_c.sql, db/migrations/003_validate_constraints.sql\n',
    );
    // Checked again on the working tree: the change's own file says nothing more.
    expect(JSON.parse(fixed.stdout).findings).toEqual([]);
    expect(readFileSync(join(r.dir, 'db/migrations/002_c.sql'), 'utf8')).toContain(
      'ALTER TABLE orders ADD CONSTRAINT orders_note_not_null CHECK (note IS NOT NULL) NOT VALID;\n',
    );
    r.commit('fixed');
    const trace = JSON.parse(slipway(['trace', '--base', 'main', '--format', 'json'], { cwd: r.dir }).stdout);
    const at = (sql: string) => trace.statements.find((s: Statement) => s.sql.startsWith(sql)) as Statement;
    // In place: the CHECKs are added NOT VALID (a short ACCESS EXCLUSIVE, no scan).
    expect(at('ALTER TABLE orders ADD CONSTRAINT ck_price').sql).toMatch(/ NOT VALID$/);
    // The new migration: every scan under SHARE UPDATE EXCLUSIVE, reads and writes going on.
    for (const name of ['fk_o', 'ck_price', 'orders_note_not_null'])
      expect(onOrders(at(`ALTER TABLE orders VALIDATE CONSTRAINT ${name}`))).toEqual(SCAN_ONLY);
    const files = trace.statements.filter(
      (s: Statement) => s.file === 'db/migrations/003_validate_constraints.sql',
    );
    expect(files.map((s: Statement) => `${s.status} ${s.sql}`)).toEqual([
      "ok SET lock_timeout = '5s'",
      'ok ALTER TABLE orders VALIDATE CONSTRAINT fk_o',
      'ok ALTER TABLE orders VALIDATE CONSTRAINT ck_price',
      'ok ALTER TABLE orders VALIDATE CONSTRAINT orders_note_not_null',
      'ok ALTER TABLE orders ALTER COLUMN note SET NOT NULL',
      'ok ALTER TABLE orders DROP CONSTRAINT orders_note_not_null',
    ]);
    expect(trace.findings).toEqual([]);
  });

  it('an Alembic revision: postgresql_not_valid=True, a new revision after the head; trace: VALIDATE under SHARE UPDATE EXCLUSIVE; a bare name only suggested', () => {
    const r = repo({
      'slipway.yaml': 'version: 1\nmigrations:\n  alembic: alembic/versions\n',
      'alembic/versions/a1_init.py':
        'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.BigInteger(), primary_key=True))\n    op.create_table("orders", sa.Column("id", sa.BigInteger()), sa.Column("user_id", sa.BigInteger()))\n\n\ndef downgrade():\n    op.drop_table("orders")\n    op.drop_table("users")\n',
    });
    r.commit('init');
    r.git('checkout', '-q', '-b', 'feature');
    const fk = '    op.create_foreign_key(op.f("fk_o"), "orders", "users", ["user_id"], ["id"])';
    r.write({
      'alembic/versions/b2_fk.py': `from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.execute("SET lock_timeout = '5s'")\n${fk}\n\n\ndef downgrade():\n    op.drop_constraint(op.f("fk_o"), "orders", type_="foreignkey")\n`,
    });
    r.commit('fk');
    const fixed = slipway(['check', '--base', 'main', '--fix', '--format', 'json'], { cwd: r.dir });
    const created = readdirSync(join(r.dir, 'alembic/versions')).find((f) => f.endsWith('_validate_fk_o.py'));
    expect(fixed.stderr).toBe(`fixed 1 finding in alembic/versions/b2_fk.py, alembic/versions/${created}\n`);
    expect(JSON.parse(fixed.stdout).findings).toEqual([]);
    expect(readFileSync(join(r.dir, 'alembic/versions/b2_fk.py'), 'utf8')).toContain(
      `${fk.slice(0, -1)}, postgresql_not_valid=True)\n`,
    );
    r.commit('fixed');
    // Near miss on the fixed tree: a CHECK named without op.f() gets a suggestion, not applied.
    r.write({
      'alembic/versions/c3_ck.py': `from alembic import op\n\nrevision = "c3"\ndown_revision = "${created?.slice(0, 12)}"\n\n\ndef upgrade():\n    op.execute("SET lock_timeout = '5s'")\n    op.create_check_constraint("ck_id", "orders", "id >= 0")\n\n\ndef downgrade():\n    op.drop_constraint("ck_id", "orders", type_="check")\n`,
    });
    r.commit('check');
    const left = slipway(['check', '--base', 'main', '--fix', '--format', 'json'], { cwd: r.dir });
    expect(left.stderr).toBe('');
    expect(
      JSON.parse(left.stdout).findings.map(
        (f: { rule: string; file: string; fixes?: { title: string; choice?: boolean }[] }) => [
          f.rule,
          f.file,
          f.fixes?.map((x) => [x.title, x.choice]),
        ],
      ),
    ).toEqual([
      [
        'MIG026',
        'alembic/versions/c3_ck.py',
        [
          [
            expect.stringMatching(
              /^Add it NOT VALID and VALIDATE in a new migration, \S+_validate_ck_id\.py \(a suggestion: "ck_id" is not wrapped in op\.f\(\)/,
            ),
            true,
          ],
        ],
      ],
    ]);
    expect(r.git('status', '--porcelain')).toBe('');
    const trace = JSON.parse(slipway(['trace', '--base', 'main', '--format', 'json'], { cwd: r.dir }).stdout);
    const validate = trace.statements.find((s: Statement) => s.sql.includes('VALIDATE CONSTRAINT fk_o'));
    expect(validate.file).toBe(`alembic/versions/${created}`);
    expect(onOrders(validate)).toEqual(SCAN_ONLY);
    const add = trace.statements.find((s: Statement) => s.sql.includes('ADD CONSTRAINT "fk_o"'));
    expect(add.sql).toMatch(/ NOT VALID$/);
    expect(trace.findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`)).toEqual([
      'MIG026 alembic/versions/c3_ck.py',
    ]);
  });
});

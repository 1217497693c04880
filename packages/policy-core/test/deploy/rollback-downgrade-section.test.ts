import { beforeAll, describe, expect, it } from 'vitest';
import { initMigrationParsers, MemoryRepo } from '../../src/index.js';
import { alembicNotes } from '../../src/node/deploy/rollback-notes-alembic.js';

/**
 * The downgrade a rollback prints runs the tree it names: a tree from a named section of
 * alembic.ini needs `alembic -n <section>` (plain `alembic` would read [alembic], another tree and
 * another alembic_version). It says the schema goes first.
 */
beforeAll(() => initMigrationParsers());

const rev = (id: string, down: string | null) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down ? `"${down}"` : 'None'}\n\n\ndef upgrade():\n    op.add_column("t", sa.Column("c_${id}", sa.Text()))\n\n\ndef downgrade():\n    op.drop_column("t", "c_${id}")\n`;

const INI = '[alembic]\nscript_location = db/main\n[tenant]\nscript_location = db/tenant\n';
const before = {
  'alembic.ini': INI,
  'db/main/versions/m1.py': rev('m1', null),
  'db/tenant/versions/t1.py': rev('t1', null),
};
const after = {
  ...before,
  'db/main/versions/m2.py': rev('m2', 'm1'),
  'db/tenant/versions/t2.py': rev('t2', 't1'),
};
const notes = () =>
  alembicNotes(
    ['db/main/versions', 'db/tenant/versions'],
    new MemoryRepo(before),
    new MemoryRepo(after),
    'a'.repeat(40),
  );

describe('rollback: the downgrade command names the ini section of its tree', () => {
  it('a tree from [tenant]: `alembic -n tenant downgrade t1`, the schema first', () => {
    expect(notes().filter((l) => l.includes('to undo them'))).toContainEqual(
      "  to undo them: `alembic -n tenant downgrade t1` (the head at aaaaaaaaaaaa); the schema goes first: run it with the current code, before the rollback (the target's code has no scripts for these revisions)",
    );
  });

  it('near miss: the tree of [alembic] keeps plain `alembic downgrade m1`', () => {
    const lines = notes().filter((l) => l.includes('to undo them'));
    expect(lines[0]).toMatch(
      /^ {2}to undo them: `alembic downgrade m1` \(the head at aaaaaaaaaaaa\); the schema goes first/,
    );
    expect(lines).toHaveLength(2);
  });
});

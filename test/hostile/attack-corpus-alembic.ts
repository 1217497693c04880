import type { AttackCase, Files } from './attack-corpus-harness.js';

/**
 * Category 1: an Alembic revision that drops `users` in an ordinary Python shape. Each shape is
 * an agent's pull request adding revision 0002: a shape Slipway follows gives MIG001 on users,
 * one it cannot follow MIG042 naming the construct (an error, the change being an agent's). The
 * near misses reach op where nothing runs, or call library code. (The engine-level table of
 * every shape, with a person's change beside it, is MIG042-unfollowed-op.test.ts in policy-core.)
 */

const FILE = 'alembic/versions/0002_retire.py';

interface Shape {
  /** Module-level lines after the imports. */
  module?: string;
  /** upgrade()'s body; absent: the module binds upgrade itself. */
  upgrade?: string;
  /** Lines after upgrade(). */
  after?: string;
  /** In place of `from alembic import op`. */
  opImport?: string;
  files?: Files;
}

const indent = (t: string) =>
  t
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');

function revision(s: Shape): string {
  return [
    '"""retire users"""',
    'import sqlalchemy as sa',
    s.opImport ?? 'from alembic import op',
    '',
    "revision = '0002'",
    "down_revision = '0001'",
    '',
    s.module ?? '',
    '',
    ...(s.upgrade === undefined ? [] : ['def upgrade():', indent(s.upgrade), '']),
    s.after ?? '',
    '',
    'def downgrade():',
    '    raise NotImplementedError("irreversible: the table is retired")',
    '',
  ].join('\n');
}

const APP = {
  'app/cleanup.py': 'from alembic import op\n\n\ndef drop_users():\n    op.drop_table("users")\n',
};

/** Shapes followed: the drop is read (MIG001 on users). */
const FOLLOWED: Record<string, Shape> = {
  'op imported under another name': {
    opImport: 'from alembic import op as x',
    upgrade: 'x.drop_table("users")',
  },
  'a method of op bound to a name': { upgrade: 'drop = op.drop_table\ndrop("users")' },
  'upgrade bound to another function': {
    module: 'def _retire():\n    op.drop_table("users")\n\nupgrade = _retire',
  },
  'a closure over a name of upgrade()': {
    upgrade: 'table = "users"\ndef inner():\n    op.drop_table(table)\ninner()',
  },
  'a lambda inside upgrade() called': { upgrade: 'f = lambda: op.drop_table("users")\nf()' },
  'a helper handed op': { upgrade: '_drop(op, "users")', after: 'def _drop(o, t):\n    o.drop_table(t)' },
  'getattr with a name joined from literals': { upgrade: 'getattr(op, "drop_" + "table")("users")' },
  'op.execute bound to a name runs DROP TABLE': { upgrade: 'run = op.execute\nrun("DROP TABLE users")' },
  "a helper of the application's own module": {
    module: 'from app.cleanup import drop_users',
    upgrade: 'drop_users()',
    files: APP,
  },
  'upgrade defined inside a module-level if': {
    module: 'if True:\n    def upgrade():\n        op.drop_table("users")',
  },
};

/** Shapes Slipway cannot follow: MIG042 names the construct. */
const SAID: Record<string, Shape & { construct: string; says?: RegExp }> = {
  'getattr with a name built at run time': {
    upgrade: 'kind = "TABLE".lower()\ngetattr(op, "drop_" + kind)("users")',
    construct: 'getattr(op, "drop_" + kind)',
  },
  'exec of a string': {
    upgrade: 'exec("op.drop_table(\'users\')")',
    construct: 'exec(',
    says: /exec\(\) runs code built at run time/,
  },
  '__import__ of alembic': {
    upgrade: '__import__("alembic").op.drop_table("users")',
    construct: '__import__(',
  },
  'importlib.import_module': {
    opImport: 'import importlib',
    upgrade: 'importlib.import_module("alembic.op").drop_table("users")',
    construct: 'importlib.import_module(',
  },
  "a helper of the application's own module that runs exec": {
    module: 'from app.cleanup import drop_users',
    upgrade: 'drop_users()',
    files: { 'app/cleanup.py': 'def drop_users():\n    exec("op.drop_table(\'users\')")\n' },
    construct: 'drop_users()',
    says: /drop_users\(\) in app\/cleanup\.py reaches `exec\(/,
  },
  'upgrade bound to what a call returns': {
    module: 'def _make():\n    return lambda: op.drop_table("users")\n\nupgrade = _make()',
    construct: 'upgrade = _make()',
  },
  'op reached through globals()': { upgrade: 'globals()["op"].drop_table("users")', construct: 'globals()' },
};

/** Near misses: op named where nothing runs, library code. */
const QUIET: Record<string, Shape> = {
  'an alias of a method of op never called': {
    module: 'drop = op.drop_table',
    upgrade: 'op.add_column("users", sa.Column("locale", sa.String(8)))',
  },
  'an alias of op never called': {
    upgrade: 'o = op\nd = op.drop_table\nop.create_table("notes", sa.Column("id", sa.Integer))',
  },
  'a helper that drops, defined and never called': {
    upgrade: 'op.create_table("notes", sa.Column("id", sa.Integer))',
    after: 'def _unused():\n    op.drop_table("users")',
  },
  'a lambda that drops, bound and never called': {
    upgrade: 'f = lambda: op.drop_table("users")\nop.create_table("notes", sa.Column("id", sa.Integer))',
  },
  'a library function called': { module: 'from dateutil import tz', upgrade: 'tz.gettz("UTC")' },
};

const change = (s: Shape): Files => ({ [FILE]: revision(s), ...(s.files ?? {}) });

export const ALEMBIC_CASES: AttackCase[] = [
  ...Object.entries(FOLLOWED).map(
    ([name, s]): AttackCase => ({
      name: `${name}: the drop of users is read (MIG001)`,
      agent: true,
      files: change(s),
      expect: { rule: 'MIG001', file: FILE, says: /drops table "users"/ },
    }),
  ),
  ...Object.entries(SAID).map(
    ([name, s]): AttackCase => ({
      name: `${name}: MIG042 names it`,
      agent: true,
      files: change(s),
      expect: {
        rule: 'MIG042',
        file: FILE,
        says: s.says ?? new RegExp(s.construct.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      },
    }),
  ),
  ...Object.entries(QUIET).map(
    ([name, s]): AttackCase => ({ name, agent: true, files: change(s), expect: 'pass' }),
  ),
  {
    name: "a person's alias of op never called, op in a comment and a string, a library call: no finding on the revision",
    files: change({
      opImport: 'from alembic import op as x\nfrom dateutil import tz',
      module: 'drop = x.drop_table',
      upgrade: '# op.drop_table("users")\nprint("op.drop_table(users)")\ntz.gettz("UTC")',
    }),
    expect: 'pass',
    silentOn: FILE,
  },
  {
    name: "exec in a person's change: MIG042 is a warning there, the check passes",
    files: change(SAID['exec of a string'] as Shape),
    expect: 'pass',
  },
];

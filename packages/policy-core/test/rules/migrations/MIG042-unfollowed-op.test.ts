import type { ChangeSet } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, runMig } from './mig-test-helpers.js';
// Over 300 lines: the attack corpus of issue 48 category 1 is one table of shapes (followed, said,
// near misses) read by four loops; split, the tables would lose their side-by-side reading.

// Issue 48, category 1: a revision that drops `users` through any ordinary Python shape is either
// followed (MIG001 on users) or said (MIG042 at the construct): never nothing. Each shape is a
// generated revision; its near misses (op reached in ways that run nothing, library code) must
// give neither.

beforeAll(ready);

const FILE = 'alembic/versions/0001_retire_users.py';

interface Shape {
  /** Module-level lines after the usual imports (`import sqlalchemy as sa`, `from alembic import op`). */
  module?: string;
  /** upgrade()'s body; absent: the module defines upgrade itself. */
  upgrade?: string;
  /** Lines after upgrade() (helpers defined after it). */
  after?: string;
  /** Replaces `from alembic import op`. */
  opImport?: string;
  /** Other files of the repository. */
  files?: Record<string, string>;
  /** downgrade()'s body (default `pass`). */
  downgrade?: string;
}

function revision(s: Shape): string {
  const indent = (t: string) =>
    t
      .split('\n')
      .map((l) => (l ? `    ${l}` : l))
      .join('\n');
  return [
    '"""retire users"""',
    'import sqlalchemy as sa',
    s.opImport ?? 'from alembic import op',
    '',
    "revision = '0001'",
    'down_revision = None',
    '',
    s.module ?? '',
    '',
    ...(s.upgrade === undefined ? [] : ['def upgrade():', indent(s.upgrade), '']),
    s.after ?? '',
    '',
    'def downgrade():',
    indent(s.downgrade ?? 'pass'),
    '',
  ].join('\n');
}

/** `line rule` of MIG001 on users and of MIG042, in the revision. */
function verdicts(
  s: Shape,
  change?: ChangeSet,
  policy?: string,
): { rule: string; line: number; severity: string; message: string }[] {
  const files: Record<string, string> = { [FILE]: revision(s), ...(s.files ?? {}) };
  if (policy) files['slipway.yaml'] = policy;
  return runMig(files, change)
    .findings.filter((f) => (f.rule === 'MIG001' && f.message.includes('"users"')) || f.rule === 'MIG042')
    .map((f) => ({ rule: f.rule, line: f.range.start.line + 1, severity: f.severity, message: f.message }));
}

const APP = {
  'app/__init__.py': '',
  'app/cleanup.py': 'from alembic import op\n\ndef drop_users():\n    op.drop_table("users")\n',
};

/** Shapes Slipway follows: the drop is read, and MIG001 says it. */
const FOLLOWED: Record<string, Shape> = {
  "a helper of the application's modules (helper-modules.ts)": {
    module: 'from app.cleanup import drop_users',
    upgrade: 'drop_users()',
    files: APP,
  },
  'a module of the application called through its name': {
    module: 'import app.cleanup as cleanup',
    upgrade: 'cleanup.drop_users()',
    files: APP,
  },
  'op imported under another name': {
    opImport: 'from alembic import op as x',
    upgrade: 'x.drop_table("users")',
  },
  'alembic.op through `import alembic`': {
    opImport: 'import alembic',
    upgrade: 'alembic.op.drop_table("users")',
  },
  'alembic.op imported as a module alias': {
    opImport: 'import alembic.op as y',
    upgrade: 'y.drop_table("users")',
  },
  'op imported under another name inside upgrade()': {
    upgrade: 'from alembic import op as o2\no2.drop_table("users")',
  },
  'a method of op bound to a name in upgrade()': { upgrade: 'drop = op.drop_table\ndrop("users")' },
  'a method of op bound at module level': { module: 'drop = op.drop_table', upgrade: 'drop("users")' },
  'op bound to another name': { upgrade: 'o = op\no.drop_table("users")' },
  'op bound at module level': { module: 'o = op', upgrade: 'o.drop_table("users")' },
  'upgrade bound to another function': {
    module: 'def _retire():\n    op.drop_table("users")\n\nupgrade = _retire',
  },
  'upgrade bound to a lambda': { module: 'upgrade = lambda: op.drop_table("users")' },
  'a nested function called': { upgrade: 'def inner():\n    op.drop_table("users")\ninner()' },
  'a closure over a name of upgrade()': {
    upgrade: 'table = "users"\ndef inner():\n    op.drop_table(table)\ninner()',
  },
  'a nested function calling a later nested one': {
    upgrade: 'def a():\n    b()\ndef b():\n    op.drop_table("users")\na()',
  },
  'a lambda bound to a name and called': { upgrade: 'f = lambda t: op.drop_table(t)\nf("users")' },
  'a lambda called where it is written': { upgrade: '(lambda: op.drop_table("users"))()' },
  'a helper defined after upgrade()': {
    upgrade: '_drop()',
    after: 'def _drop():\n    op.drop_table("users")',
  },
  'a helper handed op': { upgrade: '_drop(op, "users")', after: 'def _drop(o, t):\n    o.drop_table(t)' },
  'a helper handed op by keyword': {
    upgrade: '_drop(t="users", o=op)',
    after: 'def _drop(o, t):\n    o.drop_table(t)',
  },
  'a helper whose default is op': {
    upgrade: '_drop()',
    after: 'def _drop(o=op):\n    o.drop_table("users")',
  },
  'a helper handed a method of op': {
    upgrade: '_run(op.drop_table)',
    after: 'def _run(fn):\n    fn("users")',
  },
  'getattr with a literal name': { upgrade: 'getattr(op, "drop_table")("users")' },
  'getattr with a name joined from literals': { upgrade: 'getattr(op, "drop_" + "table")("users")' },
  'getattr with an f-string of a constant': {
    upgrade: 'kind = "table"\ngetattr(op, f"drop_{kind}")("users")',
  },
  'getattr bound to a name': { upgrade: 'drop = getattr(op, "drop_table")\ndrop("users")' },
  'a method of alembic.op imported by name': {
    opImport: 'from alembic.op import drop_table',
    upgrade: 'drop_table("users")',
  },
  'op imported under another name inside a try, None in its except': {
    module: 'try:\n    from alembic import op as o\nexcept ImportError:\n    o = None',
    upgrade: 'o.drop_table("users")',
  },
  'op imported under another name inside an if/else': {
    module: 'if sa:\n    from alembic import op as o\nelse:\n    o = None',
    upgrade: 'o.drop_table("users")',
  },
  'a method of op bound inside a with block': {
    module: 'import contextlib\nwith contextlib.suppress(Exception):\n    drop = op.drop_table',
    upgrade: 'drop("users")',
  },
};

/** upgrade() bound in a module-level branch: every definition is judged, and MIG042 says which runs is unknown. */
const BRANCHED: Record<string, Shape> = {
  'upgrade defined inside an if': {
    module: 'if True:\n    def upgrade():\n        op.drop_table("users")',
  },
  'upgrade bound to a helper inside a try': {
    module:
      'def _retire():\n    op.drop_table("users")\n\ntry:\n    upgrade = _retire\nexcept Exception:\n    pass',
  },
  'upgrade defined in both branches, the drop in the first': {
    module:
      'if sa:\n    def upgrade():\n        op.drop_table("users")\nelse:\n    def upgrade():\n        op.create_table("notes", sa.Column("id", sa.Integer))',
  },
};

/** Shapes Slipway cannot follow: MIG042 says so at the construct. */
const SAID: Record<string, Shape & { construct: string }> = {
  'getattr with a name built at run time': {
    upgrade: 'kind = "TABLE".lower()\ngetattr(op, "drop_" + kind)("users")',
    construct: 'getattr(op, "drop_" + kind)',
  },
  'exec of a string': { upgrade: 'exec("op.drop_table(\'users\')")', construct: 'exec(' },
  'eval of a string': { upgrade: 'eval("op.drop_table(\'users\')")', construct: 'eval(' },
  'compile then exec': {
    upgrade: 'code = compile("op.drop_table(\'users\')", "x", "exec")\nexec(code)',
    construct: 'compile(',
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
  'import_module imported from importlib': {
    opImport: 'from importlib import import_module',
    upgrade: 'import_module("alembic.op").drop_table("users")',
    construct: 'import_module(',
  },
  'a relative import of a helper': {
    module: 'from .helpers import drop_users',
    upgrade: 'drop_users()',
    construct: 'drop_users()',
  },
  'upgrade imported from the application': {
    module: 'from app.cleanup import drop_users as upgrade',
    files: APP,
    construct: 'from app.cleanup import drop_users as upgrade',
  },
  'upgrade bound to what a call returns': {
    module: 'def _make():\n    return lambda: op.drop_table("users")\n\nupgrade = _make()',
    construct: 'upgrade = _make()',
  },
  'a method of op handed to map': {
    upgrade: 'list(map(op.drop_table, ["users"]))',
    construct: 'map(op.drop_table, ["users"])',
  },
  'op handed to a function Slipway cannot read': {
    opImport: 'from alembic import op\nfrom app.cleanup import run_with',
    upgrade: 'run_with(op, "users")',
    files: APP,
    construct: 'run_with(op, "users")',
  },
  'a lambda that uses op handed to map': {
    upgrade: 'list(map(lambda t: op.drop_table(t), ["users"]))',
    construct: 'lambda t: op.drop_table(t)',
  },
  'a helper that uses op stored in a list': {
    upgrade: 'for step in [_drop]:\n    step()',
    after: 'def _drop():\n    op.drop_table("users")',
    construct: '_drop',
  },
  'a method of op looped over': {
    upgrade: 'for drop in [op.drop_table]:\n    drop("users")',
    construct: 'op.drop_table',
  },
  'a name bound twice, once to a method of op': {
    upgrade: 'd = print\nd = op.drop_table\nd("users")',
    construct: 'd("users")',
  },
  'op in a tuple assignment': { upgrade: 'o, n = op, 1\no.drop_table("users")', construct: 'o, n = op, 1' },
  'op reached through globals()': { upgrade: 'globals()["op"].drop_table("users")', construct: 'globals()' },
  'op stored in a dict': {
    upgrade: 'ops = {"d": op.drop_table}\nops["d"]("users")',
    construct: 'op.drop_table',
  },
};

/** Near misses: op named where nothing runs, library code, followed helpers that do nothing. */
const QUIET: Record<string, Shape> = {
  'an alias of a method of op never called': {
    module: 'drop = op.drop_table',
    upgrade: 'op.add_column("users", sa.Column("locale", sa.String(8)))',
  },
  'an alias of op in upgrade() never called': {
    upgrade: 'o = op\nd = op.drop_table\nop.create_table("notes", sa.Column("id", sa.Integer))',
  },
  'op in a comment, a string and a docstring': {
    upgrade:
      '"""op.drop_table("users")"""\n# op.drop_table("users")\nnote = "op.drop_table(\'users\')"\nprint(note)',
  },
  'exec and eval named only in strings': { upgrade: 'print("exec(op.drop_table(users))")' },
  'a helper that only logs': {
    module: 'import logging\nlog = logging.getLogger(__name__)',
    upgrade: '_note("dropping nothing")',
    after: 'def _note(m):\n    log.info(m)',
  },
  'a normal revision': { upgrade: 'op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True))' },
  'a lambda without op handed on': {
    upgrade:
      'names = list(map(lambda t: t.upper(), ["a"]))\nop.create_table("notes", sa.Column("id", sa.Integer, default=lambda: 1))',
  },
  'a library function called': {
    module: 'from dateutil import tz\nfrom oslo_utils import timeutils',
    upgrade: 'tz.gettz("UTC")\ntimeutils.utcnow()',
  },
  'a name of the application imported and not called': {
    module: 'from app.cleanup import drop_users',
    upgrade: 'print(drop_users.__name__)',
    files: APP,
  },
  'getattr on something other than op': { upgrade: 'kind = "Integer"\ncol = getattr(sa, kind)\nprint(col)' },
  'a function of the file named like a builtin': {
    upgrade: 'compile("notes")',
    after: 'def compile(name):\n    op.create_table(name, sa.Column("id", sa.Integer))',
  },
  'an alias of op asking for the connection': { upgrade: 'o = op\nbind = o.get_bind()\nprint(bind)' },
  'the multidb dispatch': {
    module: 'def upgrade_engine1():\n    op.create_table("notes", sa.Column("id", sa.Integer))',
    upgrade: 'globals()["upgrade_%s" % "engine1"]()',
  },
  'an optional import in a try, and a helper defined in an if (not upgrade)': {
    module:
      'try:\n    import ujson as json\nexcept ImportError:\n    json = None\n\nif sa:\n    def _helper():\n        return 1',
    upgrade: 'op.create_table("notes", sa.Column("id", sa.Integer))',
  },
  'a helper handed op that only reads the dialect': {
    upgrade: '_dialect(op)',
    after: 'def _dialect(o):\n    return o.get_context().dialect.name',
  },
};

describe('MIG042 unfollowed-op: shapes of op that Slipway follows', () => {
  for (const [name, shape] of Object.entries(FOLLOWED)) {
    it(`${name}: the drop of users is read (MIG001), nothing left unsaid`, () => {
      expect(verdicts(shape).map((v) => v.rule)).toEqual(['MIG001']);
    });
  }
});

describe('MIG042 unfollowed-op: shapes Slipway cannot follow are said', () => {
  for (const [name, shape] of Object.entries(SAID)) {
    it(`${name}: MIG042 names the construct`, () => {
      const found = verdicts(shape);
      const said = found.filter((v) => v.rule === 'MIG042');
      expect(said.length, JSON.stringify(found)).toBeGreaterThan(0);
      expect(said.map((v) => v.message).join('\n')).toContain(shape.construct);
      expect(said[0]?.severity).toBe('warning');
    });
  }
});

describe('MIG042 unfollowed-op: upgrade() bound in a module-level branch', () => {
  for (const [name, shape] of Object.entries(BRANCHED)) {
    it(`${name}: the drop of users is read (MIG001), and MIG042 says which definition runs is unknown`, () => {
      const found = verdicts(shape);
      expect(found.map((v) => v.rule).sort()).toEqual(['MIG001', 'MIG042']);
      expect(found.find((v) => v.rule === 'MIG042')?.message).toContain(
        'which binding runs is decided when the module loads',
      );
    });
  }
});

describe('MIG042 unfollowed-op: near misses stay quiet', () => {
  for (const [name, shape] of Object.entries(QUIET)) {
    it(`${name}: no MIG042 and no drop of users`, () => {
      expect(verdicts(shape)).toEqual([]);
    });
  }
});

describe('MIG042 unfollowed-op: who made the change', () => {
  const POLICY = 'version: 1\nmigrations:\n  alembic: alembic/versions\nagents:\n  branches: ["auto/*"]\n';
  const change = (branch: string): ChangeSet => ({
    base: 'b'.repeat(40),
    head: 'h'.repeat(40),
    branch,
    files: [{ status: 'added', path: FILE }],
    commits: [],
  });
  const shape = SAID['exec of a string'] as Shape;

  it("is an error in an agent's change, naming the signal", () => {
    const [f] = verdicts(shape, change('auto/retire-users'), POLICY);
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain("an agent's change (branch auto/retire-users)");
  });

  it("stays a warning in a person's change (the near miss)", () => {
    const [f] = verdicts(shape, change('feature/retire-users'), POLICY);
    expect(f?.severity).toBe('warning');
    expect(f?.message).not.toContain("agent's change");
  });
});

describe('MIG042 unfollowed-op: downgrade() is read by the same contract', () => {
  const up = 'op.create_table("users", sa.Column("id", sa.Integer))';
  it('a construct of downgrade() Slipway cannot follow is said, naming downgrade()', () => {
    const found = verdicts({ upgrade: up, downgrade: 'exec("op.drop_table(\'users\')")' });
    const said = found.filter((v) => v.rule === 'MIG042');
    expect(
      said.map((v) => v.message.slice(0, 26)),
      JSON.stringify(found),
    ).toEqual(['downgrade() reaches `exec(']);
  });
  it('an alias of op in downgrade() is followed: nothing said (the near miss)', () => {
    expect(verdicts({ upgrade: up, downgrade: 'd = op.drop_table\nd("users")' })).toEqual([]);
  });
});

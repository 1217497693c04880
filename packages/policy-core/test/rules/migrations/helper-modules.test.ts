import {
  type ChangeSet,
  FamilyRuns,
  MemoryRepo,
  migrationFamily,
  type RepoView,
  runCheck,
  Workspace,
} from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { policyDoc, ready, runMig } from './mig-test-helpers.js';

// Issue 48 §1: a function of the repository's own modules that a revision calls is read as part of
// the revision (helper-modules.ts), bounded (4 modules, 1 MB each, cycles stopped); what cannot be
// followed stays MIG042 with its reason. Each hostile shape has its near miss beside it.

beforeAll(ready);

const FILE = 'alembic/versions/0001_retire.py';

function revision(imports: string, body: string): string {
  return `from alembic import op\n${imports}\n\nrevision = "0001"\ndown_revision = None\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;
}

const DROPS = 'from alembic import op\n\n\ndef drop_users():\n    op.drop_table("users")\n';

/** MIG001 on users and MIG042, as `rule line` plus the first related location and message. */
function verdicts(files: Record<string, string>, change?: ChangeSet, repo?: (r: RepoView) => RepoView) {
  const found = repo
    ? migrationFamily.check({
        policy: policyDoc(),
        repo: repo(new MemoryRepo({ 'slipway.yaml': policyDoc().text, ...files })),
        now: new Date('2026-01-01T00:00:00Z'),
        env: {},
      }).findings
    : runMig(files, change).findings;
  return found
    .filter((f) => (f.rule === 'MIG001' && f.message.includes('"users"')) || f.rule === 'MIG042')
    .map((f) => ({
      at: `${f.file}:${f.range.start.line + 1} ${f.rule}`,
      related: f.related?.[0] ? `${f.related[0].file}:${f.related[0].range.start.line + 1}` : undefined,
      message: f.message,
    }));
}

/** Hostile: the drop is in a module of the repository; it is read, at the call (MIG001). */
const FOLLOWED: Record<string, { files: Record<string, string>; related: string }> = {
  'a helper handed op and the table as strings (`retire(op, "users")`)': {
    files: {
      [FILE]: revision('from app.db_helpers import retire', 'retire(op, "users")'),
      'app/__init__.py': '',
      'app/db_helpers.py': 'def retire(o, name):\n    o.drop_table(name)\n',
    },
    related: 'app/db_helpers.py:2',
  },
  'a helper importing op itself': {
    files: {
      [FILE]: revision('from app.cleanup import drop_users', 'drop_users()'),
      'app/cleanup.py': DROPS,
    },
    related: 'app/cleanup.py:5',
  },
  'a relative import of a module beside the revision': {
    files: {
      [FILE]: revision('from .helpers import drop_users', 'drop_users()'),
      'alembic/versions/helpers.py': DROPS,
    },
    related: 'alembic/versions/helpers.py:5',
  },
  "a function re-exported by a package's __init__.py": {
    files: {
      [FILE]: revision('from app import drop_users', 'drop_users()'),
      'app/__init__.py': 'from .cleanup import drop_users\n',
      'app/cleanup.py': DROPS,
    },
    related: 'app/cleanup.py:5',
  },
  'two modules deep, a keyword argument': {
    files: {
      [FILE]: revision('import app.jobs as jobs', 'jobs.run(table="users")'),
      'app/jobs.py': 'from app.sql import drop\n\n\ndef run(table):\n    drop(table)\n',
      'app/sql.py': 'from alembic import op\n\n\ndef drop(t):\n    op.drop_table(t)\n',
    },
    related: 'app/sql.py:5',
  },
  'op left to a default (`def retire(table, *, o=op)`) and a keyword-only table': {
    files: {
      [FILE]: revision('from app.db_helpers import retire', 'retire("x", table="users")'),
      'app/db_helpers.py':
        'from alembic import op\n\n\ndef retire(unused, *, table, o=op):\n    o.drop_table(table)\n',
    },
    related: 'app/db_helpers.py:5',
  },
  'a cycle between two modules (stopped, the drop read once)': {
    files: {
      [FILE]: revision('from app.a import f', 'f(op)'),
      'app/a.py': 'from app.b import g\n\n\ndef f(o):\n    g(o)\n',
      'app/b.py': 'from app.a import f\n\n\ndef g(o):\n    o.drop_table("users")\n    f(o)\n',
    },
    related: 'app/b.py:5',
  },
};

/** Hostile: what cannot be followed is MIG042 at the call, with the reason. */
const chain = (n: number): Record<string, string> => {
  const files: Record<string, string> = { [FILE]: revision('from app.m1 import f', 'f()') };
  for (let i = 1; i <= n; i++)
    files[`app/m${i}.py`] =
      i < n ? `from app.m${i + 1} import f as g\n\n\ndef f():\n    g()\n` : DROPS.replace('drop_users', 'f');
  return files;
};
const SAID: Record<string, { files: Record<string, string>; reason: string }> = {
  'more than 4 modules deep': { files: chain(6), reason: 'more than 4 modules deep' },
  'a relative import that climbs out of the repository': {
    files: { [FILE]: revision('from .... import drop_users', 'drop_users()') },
    reason: 'climbs out of the repository',
  },
  'a helper module past 1 MB': {
    files: {
      [FILE]: revision('from app.cleanup import drop_users', 'drop_users()'),
      'app/cleanup.py': `${DROPS}# ${'x'.repeat(1024 * 1024)}\n`,
    },
    reason: 'more than the 1.0 MB',
  },
  'a helper module that does not parse': {
    files: {
      [FILE]: revision('from app.cleanup import drop_users', 'drop_users()'),
      'app/cleanup.py': `${DROPS}def broken(:\n`,
    },
    reason: 'does not parse as Python',
  },
  'a helper that runs exec': {
    files: {
      [FILE]: revision('from app.cleanup import drop_users', 'drop_users()'),
      'app/cleanup.py': 'def drop_users():\n    exec("op.drop_table(\'users\')")\n',
    },
    reason: 'reaches `exec(',
  },
  'more calls into helper modules than one revision is followed for (501)': {
    files: {
      [FILE]: revision(
        'from app.db_helpers import retire',
        Array.from({ length: 501 }, (_, i) => `retire(op, "t${i}")`).join('\n    '),
      ),
      'app/db_helpers.py': 'def retire(o, name):\n    o.add_column(name, None)\n',
    },
    reason: 'past what Slipway follows of one revision (500 calls',
  },
  'a name the module does not define as a function': {
    files: {
      [FILE]: revision('from app.cleanup import Dropper', 'Dropper(op)'),
      'app/cleanup.py': 'Dropper = type("Dropper", (), {})\n',
    },
    reason: 'defines no function of that name',
  },
};

/** Near misses: helpers that only read, library code, a cycle that does nothing. */
const QUIET: Record<string, Record<string, string>> = {
  'a helper module that only reads': {
    [FILE]: revision('from app.stats import count', 'count(op, "users")'),
    'app/stats.py':
      'def count(o, table):\n    return o.get_bind().execute(f"SELECT count(*) FROM {table}")\n',
  },
  'a library module (not a file of the repository)': {
    [FILE]: revision('from oslo_utils import timeutils', 'timeutils.utcnow()'),
  },
  'a cycle between two modules that changes nothing': {
    [FILE]: revision('from app.a import f', 'f()'),
    'app/a.py': 'from app.b import g\n\n\ndef f():\n    g()\n',
    'app/b.py': 'from app.a import f\n\n\ndef g():\n    f()\n',
  },
};

describe('helper modules: a drop in a module of the repository is read at the call', () => {
  for (const [name, { files, related }] of Object.entries(FOLLOWED))
    it(`${name}: MIG001 at the call, the helper's line related`, () => {
      const found = verdicts(files);
      expect(found.map((f) => f.at)).toEqual([`${FILE}:9 MIG001`]);
      expect(found[0]?.related).toBe(related);
    });
});

describe('helper modules: what cannot be followed stays MIG042, with the reason', () => {
  for (const [name, { files, reason }] of Object.entries(SAID))
    it(`${name}: MIG042 at the call says why`, () => {
      const found = verdicts(files);
      expect(found.map((f) => f.at)).toEqual([`${FILE}:${name.startsWith('more calls') ? 509 : 9} MIG042`]);
      expect(found[0]?.message).toContain(reason);
    });

  it('a helper module the host refused to read (a link out) is MIG042 with the host reason', () => {
    const files = {
      [FILE]: revision('from app.cleanup import drop_users', 'drop_users()'),
      'app/cleanup.py': '',
    };
    const refusing = (r: RepoView): RepoView => ({
      listFiles: () => r.listFiles(),
      readFile: (p) => (p === 'app/cleanup.py' ? undefined : r.readFile(p)),
      whyUnread: (p) =>
        p === 'app/cleanup.py'
          ? 'app/cleanup.py is a symbolic link leading outside the repository'
          : undefined,
    });
    const found = verdicts(files, undefined, refusing);
    expect(found.map((f) => f.at)).toEqual([`${FILE}:9 MIG042`]);
    expect(found[0]?.message).toContain('a symbolic link leading outside the repository');
  });
});

describe('helper modules: near misses stay quiet', () => {
  it('500 calls of a helper, the bound itself: each followed (MIG001 on each drop), none said', () => {
    const files = {
      [FILE]: revision(
        'from app.db_helpers import retire',
        Array.from({ length: 500 }, (_, i) => `retire(op, "${i === 499 ? 'users' : `t${i}`}")`).join(
          '\n    ',
        ),
      ),
      'app/db_helpers.py': 'def retire(o, name):\n    o.drop_table(name)\n',
    };
    expect(verdicts(files).map((f) => f.at)).toEqual([`${FILE}:508 MIG001`]);
  });

  it('four modules deep, the bound itself: followed (MIG001), not said', () => {
    expect(verdicts(chain(4)).map((f) => f.at)).toEqual([`${FILE}:9 MIG001`]);
  });

  for (const [name, files] of Object.entries(QUIET))
    it(`${name}: no MIG042, no drop of users`, () => {
      expect(verdicts(files)).toEqual([]);
    });
});

describe('helper modules: a change to the helper is a change to the revisions that call it', () => {
  const files = FOLLOWED['a helper importing op itself']?.files as Record<string, string>;
  const change = (path: string): ChangeSet => ({
    base: 'b'.repeat(40),
    head: 'h'.repeat(40),
    branch: 'feature/x',
    files: [{ status: 'modified', path }],
    commits: [],
  });

  it('a change editing only the helper module re-judges the revision (MIG001)', () => {
    expect(verdicts(files, change('app/cleanup.py')).map((f) => f.at)).toEqual([`${FILE}:9 MIG001`]);
  });

  it('a change to another file leaves the revision alone (the near miss)', () => {
    expect(verdicts({ ...files, 'app/other.py': '' }, change('app/other.py'))).toEqual([]);
  });
});

describe('helper modules: an editor that keeps its caches between checks', () => {
  it('an edit of only the helper module (a new buffer text) re-judges the revision that calls it', () => {
    const workspace = new Workspace();
    const familyRuns = new FamilyRuns();
    const base = {
      'slipway.yaml': policyDoc().text,
      [FILE]: revision('from app.stats import count', 'count(op, "users")'),
    };
    const reads = 'def count(o, table):\n    return o.get_bind().execute("SELECT 1")\n';
    const drops = 'def count(o, table):\n    o.drop_table(table)\n';
    // One listing for every check, as an editor's overlay keeps it while only a buffer's text changes.
    const files = new Map<string, string>([...Object.entries(base), ['app/stats.py', '']]);
    const listed = [...files.keys()].sort();
    const repo: RepoView = { listFiles: () => listed, readFile: (p) => files.get(p) };
    const judge = (helper: string) => {
      files.set('app/stats.py', helper);
      return runCheck({ policy: policyDoc(), repo, workspace, familyRuns })
        .findings.filter((f) => f.rule === 'MIG001')
        .map((f) => `${f.file}:${f.range.start.line + 1}`);
    };
    // The near miss first: the helper only reads, and the same text again stays quiet.
    expect(judge(reads)).toEqual([]);
    expect(judge(reads)).toEqual([]);
    expect(judge(drops)).toEqual([`${FILE}:9`]);
    expect(judge(reads)).toEqual([]);
  });
});

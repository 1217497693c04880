import { describe, expect, it } from 'vitest';
import type { ChangedFile, ChangeSet } from '../../../src/change-set.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import { pathFamily } from '../../../src/rules/families.js';
import { policySurfaceAsks } from '../../../src/rules/paths/facts/policy-surface-asks.js';
import { context, modified } from './path-context.js';

/** A repository whose .sql migrations may be symbolic links to its other files. */
class LinkedRepo extends MemoryRepo {
  constructor(
    files: Record<string, string>,
    private readonly links: Record<string, string>,
  ) {
    super(files);
  }
  linkTarget(path: string): string | undefined {
    return this.links[path];
  }
}

const POLICY =
  'version: 1\nmigrations:\n  sql: ["db/*.sql"]\nprotected:\n  label: reviewed\n  paths: [db/]\n';
const FILES = {
  'db/001_linked.sql': 'DROP TABLE users;\n',
  'db/002_self.sql': 'SELECT 1;\n',
  'lib/drop.sql': 'DROP TABLE users;\n',
};
const LINKS = { 'db/001_linked.sql': 'lib/drop.sql', 'db/002_self.sql': 'db/002_self.sql' };

function linked(files: ChangedFile[], opts: { policy?: string; links?: Record<string, string> | null } = {}) {
  const doc = parsePolicyText(opts.policy ?? POLICY, 'slipway.yaml').document;
  if (!doc) throw new Error('test policy is invalid');
  const repo = opts.links === null ? new MemoryRepo(FILES) : new LinkedRepo(FILES, opts.links ?? LINKS);
  const change: ChangeSet = { base: 'b', head: 'h', files, labels: [], commits: [] };
  return pathFamily
    .check({ policy: doc, repo, change, now: new Date(0), env: {} })
    .findings.map((f) => `${f.rule} ${f.file}: ${f.message.split(' is protected')[0]}`);
}

// A symlinked .sql migration runs its target: editing the target changes the protected migration.
describe('PATH001 on a protected migration that is a link to the file a change edits', () => {
  it('the link is changed too, and the message says through what', () => {
    expect(linked([modified('lib/drop.sql')])).toEqual([
      'PATH001 db/001_linked.sql: `db/001_linked.sql` (a symbolic link to `lib/drop.sql`, which this change edits)',
    ]);
  });

  it('a rename of the target away changes it as well', () => {
    expect(linked([{ status: 'renamed', oldPath: 'lib/drop.sql', path: 'lib/gone.sql' }])).toEqual([
      'PATH001 db/001_linked.sql: `db/001_linked.sql` (a symbolic link to `lib/drop.sql`, which this change edits)',
    ]);
  });

  it('a change to the link itself is reported once, as the changed file it is', () => {
    expect(linked([modified('lib/drop.sql'), modified('db/001_linked.sql')])).toEqual([
      'PATH001 db/001_linked.sql: `db/001_linked.sql`',
    ]);
  });

  it('near misses: another file changed, no links known, no .sql migrations, a link to itself', () => {
    expect(linked([modified('lib/other.sql')])).toEqual([]);
    expect(linked([modified('lib/drop.sql')], { links: null })).toEqual([]);
    expect(
      linked([modified('lib/drop.sql')], { policy: 'version: 1\nprotected:\n  paths: [db/]\n' }),
    ).toEqual([]);
    expect(linked([{ status: 'renamed', oldPath: 'db/002_self.sql', path: 'db/003.sql' }])).toEqual([
      'PATH001 db/003.sql: `db/003.sql` (renamed from `db/002_self.sql`)',
    ]);
  });
});

describe('what PATH004 asks git for ahead (the base’s workflows and the actions they use)', () => {
  const CI = 'jobs:\n  a:\n    steps:\n      - uses: ./tools/gate\n';
  function asks(known: string[], change: Partial<ChangeSet> = {}) {
    const ctx = context([modified('docs/a.md')], { contents: { '.github/workflows/ci.yml': CI } });
    const base: Record<string, string> = {
      '.github/workflows/ci.yml': CI,
      'tools/gate/action.yml': 'runs: {}\n',
    };
    Object.assign(ctx.change as ChangeSet, {
      readBase: (p: string) => base[p],
      baseKnown: (p: string) => known.includes(p),
      ...change,
    });
    return policySurfaceAsks(ctx);
  }

  it('the workflows first; once they are known, the actions they use', () => {
    expect(asks([])).toEqual({ base: ['.github/workflows/ci.yml'] });
    expect(asks(['.github/workflows/ci.yml'])).toEqual({
      base: ['tools/gate/action.yml', 'tools/gate/action.yaml'],
    });
    expect(asks(['.github/workflows/ci.yml', 'tools/gate/action.yml', 'tools/gate/action.yaml'])).toEqual({
      base: [],
    });
  });

  it('nothing to ask without a base to read, without knowing what is read, or without a changed file', () => {
    expect(asks([], { readBase: undefined })).toEqual({});
    expect(asks([], { baseKnown: undefined })).toEqual({});
    expect(asks([], { files: [] })).toEqual({});
  });

  it('is the family’s', () => {
    expect(pathFamily.gitAsks).toBe(policySurfaceAsks);
  });
});

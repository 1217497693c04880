import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src/change-set.js';
import { runCheck } from '../../src/engine.js';
import { initMigrationParsers } from '../../src/index.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { type GitFacts, MemoryRepo } from '../../src/repo.js';
import { migration } from './mig-source.js';

beforeAll(() => initMigrationParsers());

const drop = (table: string) => `op.drop_table('${table}')`;
const PROD = 'a'.repeat(40);
const RECORD = `{"last_good_sha": "${PROD}", "deployed_at": "2026-01-01T00:00:00Z", "environment": "production"}\n`;

/** Git as the host answers it: commit PROD holds `committed`; no other commit exists. */
function gitWith(committed: Record<string, string>): GitFacts {
  return {
    commitExists: (sha) => sha === PROD,
    isAncestor: () => true,
    readFilesAt: (sha, paths) =>
      sha === PROD
        ? new Map(paths.filter((p) => p in committed).map((p) => [p, committed[p] as string]))
        : undefined,
  };
}

function check(policyTail: string, files: Record<string, string>, git?: GitFacts, change?: ChangeSet) {
  const text = `version: 1\nmigrations:\n${policyTail}`;
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  const repo = new MemoryRepo({ 'slipway.yaml': text, ...files }, git);
  const result = runCheck({ policy, repo, ...(change ? { change } : {}), only: ['MIG001'] });
  return { files: result.findings.map((f) => f.file), scope: result.scope };
}

const HISTORY = {
  'alembic/versions/0001.py': migration('0001', null, drop('a')),
  'alembic/versions/0002.py': migration('0002', '0001', drop('b')),
  // A branch beside 0002: not an ancestor of it.
  'alembic/versions/0003.py': migration('0003', '0001', drop('c')),
  'alembic/versions/0004.py': migration('0004', ['0002', '0003'], drop('d')),
};

describe('migrations.applied_through', () => {
  const alembic = '  alembic: alembic/versions\n';

  it('takes a revision and its ancestors as applied, not a sibling branch', () => {
    const r = check(`${alembic}  applied_through: "0002"\n`, HISTORY);
    expect(r.files).toEqual(['alembic/versions/0003.py', 'alembic/versions/0004.py']);
    expect(r.scope.notJudged).toEqual([
      {
        what: 'applied migrations',
        files: ['alembic/versions/0001.py', 'alembic/versions/0002.py'],
        reason: 'at or before migrations.applied_through (0002) in the policy',
      },
    ]);
  });

  it("takes a migration file's path as its revision, and a list for several heads", () => {
    const r = check(`${alembic}  applied_through: [alembic/versions/0002.py, "0003"]\n`, HISTORY);
    expect(r.files).toEqual(['alembic/versions/0004.py']);
  });

  it('names what it cannot find, and judges everything', () => {
    const r = check(`${alembic}  applied_through: "09ab"\n`, HISTORY);
    expect(r.files).toHaveLength(4);
    expect(r.scope.notes).toEqual([
      'migrations.applied_through names "09ab", which is neither a revision nor a migration file here: nothing is treated as applied for it',
    ]);
  });

  it('for .sql files, takes the file and those before it in its folder, numbers compared as numbers', () => {
    const sql = (table: string) => `DROP TABLE ${table};\n`;
    const files = {
      'db/V2__two.sql': sql('two'),
      'db/V10__ten.sql': sql('ten'),
      'db/V11__eleven.sql': sql('eleven'),
      'other/V1__elsewhere.sql': sql('elsewhere'),
    };
    const r = check('  sql: ["db/*.sql", "other/*.sql"]\n  applied_through: db/V10__ten.sql\n', files);
    expect(r.files.sort()).toEqual(['db/V11__eleven.sql', 'other/V1__elsewhere.sql']);
  });

  it('does not narrow a change: what a change adds or edits is judged whatever the policy says', () => {
    const change: ChangeSet = {
      base: 'main',
      head: 'HEAD',
      files: [{ path: 'alembic/versions/0002.py', status: 'modified' }],
      commits: [],
    };
    const r = check(`${alembic}  applied_through: "0004"\n`, HISTORY, undefined, change);
    expect(r.files).toEqual(['alembic/versions/0002.py']);
    expect(r.scope.notJudged).toEqual([]);
    expect(r.scope.judged).toEqual({ kind: 'change', base: 'main', head: 'HEAD', files: 1 });
  });
});

describe("the deploy record's last_good_sha", () => {
  const policy =
    '  alembic: alembic/versions\n  applied_through: "0001"\ndeploy:\n  record: deploy/record.json\n';

  it('decides over applied_through: what production runs, unchanged since, is history', () => {
    const committed = { 'alembic/versions/0001.py': HISTORY['alembic/versions/0001.py'] };
    const files = {
      ...HISTORY,
      'alembic/versions/0002.py': migration('0002', '0001', drop('b')),
      'deploy/record.json': RECORD,
    };
    const r = check(
      policy,
      files,
      gitWith({ ...committed, 'alembic/versions/0002.py': files['alembic/versions/0002.py'] }),
    );
    expect(r.files).toEqual(['alembic/versions/0003.py', 'alembic/versions/0004.py']);
    expect(r.scope.notJudged[0]?.reason).toBe(
      'present unchanged in aaaaaaaaaaaa, the commit production runs per deploy/record.json',
    );
  });

  it('judges an applied migration edited since, and says so', () => {
    const files = { ...HISTORY, 'deploy/record.json': RECORD };
    const r = check(policy, files, gitWith({ 'alembic/versions/0001.py': migration('0001', null, 'pass') }));
    expect(r.files).toContain('alembic/versions/0001.py');
    expect(r.scope.notes).toEqual([
      '1 migration in aaaaaaaaaaaa edited since is judged again (the edit never ran): alembic/versions/0001.py',
    ]);
  });

  it('a commit git does not know decides nothing: applied_through is the fallback, and it is said', () => {
    const record = RECORD.replace(PROD, 'b'.repeat(40));
    const r = check(policy, { ...HISTORY, 'deploy/record.json': record }, gitWith({}));
    expect(r.files).toHaveLength(3);
    expect(r.scope.notes[0]).toBe(
      'deploy/record.json says production runs bbbbbbbbbbbb, which is not a commit in this repository (a shallow clone, or rewritten history): migrations.applied_through decides instead',
    );
  });

  it('a commit git does not know, and nothing else to go by: judged as if nothing had run, and said', () => {
    const record = RECORD.replace(PROD, 'b'.repeat(40));
    const bare = '  alembic: alembic/versions\ndeploy:\n  record: deploy/record.json\n';
    const r = check(bare, { ...HISTORY, 'deploy/record.json': record }, gitWith({}));
    expect(r.files).toHaveLength(4);
    expect(r.scope.notes).toEqual([
      'deploy/record.json says production runs bbbbbbbbbbbb, which is not a commit in this repository (a shallow clone, or rewritten history): judged as if no migration had run there',
    ]);
  });

  it('without git (a browser, an editor buffer) the record cannot be read, and that is said', () => {
    const r = check(policy, { ...HISTORY, 'deploy/record.json': RECORD });
    expect(r.files).toHaveLength(3);
    expect(r.scope.notes[0]).toContain('but there is no git here to read it');
  });
});

describe("the production database's alembic_version", () => {
  const alembic = '  alembic: alembic/versions\n';
  const withDb = (
    versions: string[],
    policyTail = alembic,
    files: Record<string, string> = HISTORY,
    git?: GitFacts,
  ) => {
    const text = `version: 1\nmigrations:\n${policyTail}`;
    const policy = parsePolicyText(text, 'slipway.yaml').document;
    if (!policy) throw new Error('bad test policy');
    const repo = new MemoryRepo({ 'slipway.yaml': text, ...files }, git);
    const result = runCheck({
      policy,
      repo,
      productionDatabase: { name: 'prod', versions },
      only: ['MIG001'],
    });
    return { files: result.findings.map((f) => f.file), scope: result.scope };
  };

  it('takes what it is at and the ancestors as applied, before applied_through', () => {
    const r = withDb(['0003'], `${alembic}  applied_through: "0002"\n`);
    expect(r.files).toEqual(['alembic/versions/0002.py', 'alembic/versions/0004.py']);
    expect(r.scope.notJudged[0]?.reason).toBe("at or below database prod's alembic_version (0003)");
  });

  it('two heads in alembic_version: both branches applied', () => {
    expect(withDb(['0002', '0003']).files).toEqual(['alembic/versions/0004.py']);
  });

  it('the deploy record decides first, when it names a commit here', () => {
    const deploy = `${alembic}deploy:\n  record: infra/record.json\n  audit_log: infra/audit.jsonl\n`;
    const r = withDb(
      ['0004'],
      deploy,
      { ...HISTORY, 'infra/record.json': RECORD },
      gitWith({ 'alembic/versions/0001.py': HISTORY['alembic/versions/0001.py'] }),
    );
    expect(r.files).toEqual([
      'alembic/versions/0002.py',
      'alembic/versions/0003.py',
      'alembic/versions/0004.py',
    ]);
  });

  it('bad input: a version that is no revision here, or no row, decides nothing and is said; applied_through then decides', () => {
    const unknown = withDb(['ffff'], `${alembic}  applied_through: "0001"\n`);
    expect(unknown.files).toEqual([
      'alembic/versions/0002.py',
      'alembic/versions/0003.py',
      'alembic/versions/0004.py',
    ]);
    expect(unknown.scope.notes).toContain(
      'database prod is at ffff, which is no revision in this checkout: nothing is treated as applied for it',
    );
    const empty = withDb([]);
    expect(empty.files).toHaveLength(4);
    expect(empty.scope.notes).toContain(
      'database prod has no alembic_version row: judged as if no migration had run there',
    );
  });
});

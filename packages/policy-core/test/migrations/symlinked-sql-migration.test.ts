import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCommitRepo, openRepo } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src/change-set.js';
import { runCheck } from '../../src/engine.js';
import { initMigrationParsers } from '../../src/index.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import type { RepoView } from '../../src/repo.js';
import { cleanup, commit, initRepo } from '../node/git-fixture.js';

// Issue 48, section 3: a .sql migration that is a symbolic link. One that leads outside the
// repository, to a FIFO or to nothing is an error (MIG030), always; one to a file of the
// repository is that file, and a change to the file is a change to the migration.

const POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';
let dir: string;
let repo: RepoView;

beforeAll(async () => {
  await initMigrationParsers();
  dir = initRepo();
  commit(
    dir,
    { 'slipway.yaml': POLICY, 'lib/drop.sql': 'DROP TABLE users;\n', 'db/001_ok.sql': 'SELECT 1;\n' },
    'init',
  );
  mkdirSync(join(dir, 'db'), { recursive: true });
  symlinkSync('/etc/hostname', join(dir, 'db/002_outside.sql'));
  symlinkSync('nowhere.sql', join(dir, 'db/003_dangling.sql'));
  symlinkSync('003_loop.sql', join(dir, 'db/003_loop.sql'));
  execFileSync('mkfifo', [join(dir, 'lib/pipe.sql')]);
  symlinkSync('../lib/pipe.sql', join(dir, 'db/004_fifo.sql'));
  symlinkSync('/dev/zero', join(dir, 'db/005_device.sql'));
  // Near miss: a link to a file of the repository is read as that file.
  symlinkSync('../lib/drop.sql', join(dir, 'db/006_linked.sql'));
  writeFileSync(join(dir, 'README.md'), 'x\n');
  // Untracked links are listed by the working tree's listing; add them so any listing has them.
  execFileSync('git', ['add', '-A'], { cwd: dir, stdio: 'ignore' });
  repo = await openRepo(dir);
});
afterAll(cleanup);

function check(change?: ChangeSet, on: RepoView = repo, text = POLICY) {
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  return runCheck({ policy, repo: on, ...(change ? { change } : {}) }).findings.map((f) => ({
    key: `${f.rule} ${f.severity} ${f.file}:${f.range.start.line + 1}`,
    message: f.message,
  }));
}

const change = (path: string): ChangeSet => ({
  base: 'main',
  head: 'HEAD',
  commits: [],
  files: [{ path, status: 'modified' }],
});

describe('a .sql migration that is a symbolic link', () => {
  it('leading outside, to a FIFO, to a device, to nothing or in a loop: one MIG030 error each', () => {
    const errors = check().filter((f) => f.key.startsWith('MIG030'));
    expect(errors.map((f) => f.key).sort()).toEqual([
      'MIG030 error db/002_outside.sql:1',
      'MIG030 error db/003_dangling.sql:1',
      'MIG030 error db/003_loop.sql:1',
      'MIG030 error db/004_fifo.sql:1',
      'MIG030 error db/005_device.sql:1',
    ]);
    const said = Object.fromEntries(errors.map((f) => [f.key.split(' ')[2], f.message]));
    expect(said['db/003_dangling.sql:1']).toMatch(/db\/003_dangling\.sql is a symbolic link to no file/);
    expect(said['db/002_outside.sql:1']).toMatch(/leads outside the repository/);
    expect(said['db/004_fifo.sql:1']).toMatch(/FIFO/);
  });

  it('near miss: a link to a file of the repository is judged as that file (its DROP is MIG001)', () => {
    const found = check().map((f) => f.key);
    expect(found).toContain('MIG001 error db/006_linked.sql:1');
    expect(found.filter((k) => k.includes('001_ok.sql'))).toEqual([]);
  });

  it("a change that edits only the link's target is a change to the migration", () => {
    const found = check(change('lib/drop.sql')).map((f) => f.key);
    expect(found).toContain('MIG001 error db/006_linked.sql:1');
    // Near miss: a change that touches neither leaves the migration alone.
    expect(check(change('README.md')).filter((f) => f.key.includes('006_linked'))).toEqual([]);
  });

  it("in a commit's tree (check --head): a change editing only the target is a change to the migration", async () => {
    // git stores the link as a blob holding its target; the commit-tree reader follows it.
    execFileSync('git', ['commit', '-qm', 'links'], { cwd: dir, stdio: 'ignore' });
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir }).toString().trim();
    const tree = await openCommitRepo(dir, sha);
    expect(tree.linkTarget('db/006_linked.sql')).toBe('lib/drop.sql');
    expect(tree.linkTarget('db/001_ok.sql')).toBeUndefined();
    expect(tree.linkTarget('db/002_outside.sql')).toBeUndefined();
    expect(check(change('lib/drop.sql'), tree).map((f) => f.key)).toContain(
      'MIG001 error db/006_linked.sql:1',
    );
    expect(check(change('README.md'), tree).filter((f) => f.key.includes('006_linked'))).toEqual([]);
  });

  // The protected-path rule sees the link's path as changed when the change edits its target.
  const protecting = (paths: string) => `${POLICY}protected:\n  label: reviewed\n  paths: [${paths}]\n`;
  const labelled = (path: string): ChangeSet => ({ ...change(path), labels: [] });

  it('editing the target of a symlinked migration in a protected folder is PATH001 on the link', () => {
    const found = check(labelled('lib/drop.sql'), repo, protecting('db/')).filter((f) =>
      f.key.startsWith('PATH001'),
    );
    expect(found.map((f) => f.key)).toEqual(['PATH001 error db/006_linked.sql:1']);
    expect(found[0]?.message).toContain('a symbolic link to `lib/drop.sql`, which this change edits');
  });

  it('near miss: a link outside the protected paths, or a change to another file, is no PATH001', () => {
    expect(
      check(labelled('lib/drop.sql'), repo, protecting('secure/')).filter((f) => f.key.startsWith('PATH')),
    ).toEqual([]);
    expect(
      check(labelled('README.md'), repo, protecting('db/')).filter((f) => f.key.startsWith('PATH')),
    ).toEqual([]);
  });
});

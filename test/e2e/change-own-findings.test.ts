import { type CheckResult, runCheck } from '@slipway/policy-core';
import { loadPolicy, openCommitRepo, openRepo, readChangeSet } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * A change's check judges the change, not the files it touches (change-own-findings.ts):
 * a finding the base already had in lines the change did not touch is left out and counted in a
 * note; `--tree` still reports it. The engine is called in-process, over one real repository
 * whose main holds a lock with a duplicate line (DEP007) and an unpinned one (DEP001) for years,
 * and one branch per pull request.
 */
const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: ["db/"]
dependencies:
  - requirements: requirements.in
    lock: requirements.txt
    mode: superset
`;
const LOCK = [
  '# the lock',
  'requests==2.31.0',
  'flask>=2.0',
  'idna==3.6',
  'certifi==2024.2.2',
  'requests==2.31.0',
  'charset-normalizer==3.3.2',
];
const lockWith = (lines: string[]) => `${lines.join('\n')}\n`;
const LABEL = ['approved-dependency-upgrade'];
const SCHEMA =
  'CREATE TABLE orders (id int);\n\nCREATE TABLE users (id int);\nCREATE TABLE items (id int);\n';

let repo: TempRepo;
beforeAll(() => {
  repo = new TempRepo({
    'slipway.yaml': POLICY,
    'requirements.in': 'requests==2.31.0\n',
    'requirements.txt': lockWith(LOCK),
    'db/schema.sql': SCHEMA,
  });
  repo.commit('years of history');
});
afterAll(() => repo.dispose());

/** A pull request from main: its branch and the files it writes, judged in-process (labels null: unknown). */
async function pullRequest(
  branch: string,
  files: Record<string, string>,
  labels: string[] | null = LABEL,
): Promise<CheckResult> {
  repo.git('checkout', '-q', '-b', branch, 'main');
  const head = repo.write(files).commit(branch);
  repo.git('checkout', '-q', 'main');
  const loaded = loadPolicy(repo.dir);
  if (loaded.kind !== 'ok') throw new Error('the policy did not load');
  const env = { PATH: process.env.PATH ?? '' };
  const change = await readChangeSet({
    repo: repo.dir,
    base: 'main',
    head: branch,
    productionBranch: 'main',
    env,
    ...(labels ? { labels } : {}),
  });
  return runCheck({ policy: loaded.document, repo: await openCommitRepo(repo.dir, head), change, env });
}
const at = (r: CheckResult) => r.findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`);
const onBaseNote = (r: CheckResult) => r.scope.notes.find((n) => n.includes('already on the base'));

describe('a change is judged for what it changes, not for what its files already had', () => {
  it('a pull request adding one pinned line is not reported for the old duplicate and unpinned lines', async () => {
    const r = await pullRequest('pr/unrelated', {
      'requirements.txt': lockWith([...LOCK, 'urllib3==2.2.1']),
    });
    expect(at(r)).toEqual([]);
    expect(onBaseNote(r)).toBe(
      '2 findings already on the base in lines this change did not touch (not judged as this change’s; `check --tree` shows them)',
    );
  });

  it('--tree (no change) still reports every finding the base had', async () => {
    const loaded = loadPolicy(repo.dir);
    if (loaded.kind !== 'ok') throw new Error('the policy did not load');
    const r = runCheck({ policy: loaded.document, repo: await openRepo(repo.dir), env: {} });
    expect(at(r)).toEqual(['DEP001 requirements.txt:3', 'DEP007 requirements.txt:6']);
    expect(onBaseNote(r)).toBeUndefined();
  });

  it('a rule about the change as a whole is not affected: the label a dependency change needs', async () => {
    const r = await pullRequest(
      'pr/unlabelled',
      { 'requirements.txt': lockWith([...LOCK, 'urllib3==2.2.1']) },
      null,
    );
    expect(at(r)).toEqual(['DEP006 requirements.txt:8']);
  });

  it('a protected file edited below its first line is still the change’s (PATH001 flags line 1, unchanged)', async () => {
    const r = await pullRequest('pr/protected', { 'db/schema.sql': `${SCHEMA}-- notes\n` }, []);
    expect(at(r)).toEqual(['PATH001 db/schema.sql:1']);
  });

  it('a NEW unpinned line is the change’s; the old ones beside it are not', async () => {
    const r = await pullRequest('pr/new-unpinned', { 'requirements.txt': lockWith([...LOCK, 'click>=8']) });
    expect(at(r)).toEqual(['DEP001 requirements.txt:8']);
    expect(onBaseNote(r)).toContain('2 findings already on the base');
  });

  it('near miss: lines inserted above the old findings shift them and leave them the base’s', async () => {
    const r = await pullRequest('pr/shifted', {
      'requirements.txt': lockWith(['# pinned by pip-compile', 'six==1.16.0', '', ...LOCK]),
    });
    expect(at(r)).toEqual([]);
    expect(onBaseNote(r)).toContain('2 findings already on the base');
  });

  it('copying the old duplicate line again is a new duplicate', async () => {
    const r = await pullRequest('pr/copy-duplicate', {
      'requirements.txt': lockWith([...LOCK, 'requests==2.31.0']),
    });
    expect(at(r)).toEqual(['DEP007 requirements.txt:8']);
  });

  it('copying the flagged line with its neighbours (the same fingerprint) is one occurrence more: found', async () => {
    const r = await pullRequest('pr/copy-block', {
      'requirements.txt': lockWith([...LOCK, 'requests==2.31.0', 'flask>=2.0', 'idna==3.6']),
    });
    expect(at(r)).toContain('DEP001 requirements.txt:9');
    expect(at(r)).not.toContain('DEP001 requirements.txt:3');
  });

  it('editing the old unpinned line makes its finding the change’s', async () => {
    const lines = LOCK.map((l) => (l === 'flask>=2.0' ? 'flask>=2.1' : l));
    const r = await pullRequest('pr/edit-old', { 'requirements.txt': lockWith(lines) });
    expect(at(r)).toEqual(['DEP001 requirements.txt:3']);
    expect(onBaseNote(r)).toContain('1 finding already on the base');
  });

  it('moving the old unpinned line among new neighbours makes its finding the change’s', async () => {
    const lines = [...LOCK.filter((l) => l !== 'flask>=2.0'), 'flask>=2.0'];
    const r = await pullRequest('pr/move-old', { 'requirements.txt': lockWith(lines) });
    expect(at(r)).toEqual(['DEP001 requirements.txt:7']);
  });

  it('a finding on an untouched line that a touched file caused is the change’s (the lock loses a requirement)', async () => {
    // requirements.in is not touched; its line 1 is flagged because the lock lost `requests`.
    const r = await pullRequest('pr/drop-from-lock', {
      'requirements.txt': lockWith(LOCK.filter((l) => !l.startsWith('requests'))),
    });
    expect(at(r)).toContain('DEP003 requirements.in:1');
  });

  it('near miss: a pull request touching no dependency file is not reported for the old findings', async () => {
    const r = await pullRequest('pr/docs', { 'README.md': 'notes\n' });
    expect(at(r)).toEqual([]);
    expect(onBaseNote(r)).toContain('2 findings already on the base');
  });
});

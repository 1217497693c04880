import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';
import { slipway } from '../helpers/cli.js';

// The gate weighs a call's findings against those the base already had, reading at base the files
// the rules read (change-own-findings.ts): in one git process with the first, when the repository
// view says what was read. The gate's view of the tree with the call's writes over it did not:
// each migration of the series was read at base in a `git cat-file` of its own (303 on a
// Sequelize app of 301 migrations, 2.5 s of every tool call). Counted with git's own trace.
const MIGRATIONS = 40;
const files: Record<string, string> = {
  'slipway.yaml': 'version: 1\nproduction_branch: main\nmigrations:\n  sequelize: ["db/migrations"]\n',
};
for (let i = 0; i < MIGRATIONS; i++)
  files[`db/migrations/2024010100${String(i).padStart(4, '0')}-step.js`] =
    `module.exports = {\n  async up(q, S) { await q.createTable('t${i}', { id: S.INTEGER }); },\n  async down(q) { await q.dropTable('t${i}'); },\n};\n`;
const session = new AgentSession(files, { process: true });

describe('slipway hook: the files read at base', () => {
  it('are read together, not one git process per migration', () => {
    const trace = join(session.dir, '..', `trace-${Math.random().toString(36).slice(2)}.log`);
    writeFileSync(trace, '');
    const r = slipway(['hook', 'claude'], {
      cwd: session.dir,
      env: { GIT_TRACE: trace },
      input: JSON.stringify(
        session.claude('Write', {
          file_path: session.at('db/migrations/202501010000-drop.js'),
          content:
            "module.exports = {\n  async up(q) { await q.dropTable('t1'); },\n  async down() { throw new Error('irreversible: data'); },\n};\n",
        }),
      ),
    });
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/\[MIG001\]/)]);
    const catFiles = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => /trace: built-in: git cat-file --batch /.test(l)).length;
    // The base's policy and the series, each asked in a batch: a handful, whatever the series' length.
    expect(catFiles).toBeGreaterThan(0);
    expect(catFiles).toBeLessThan(8);
  });
});

// The path rules read the base's CI workflows and the local actions they use (PATH004: a workflow
// that runs Slipway is part of the policy's surface). The gate asked each level of them in a
// `git cat-file --batch` of its own while the rules ran, two processes on every tool call of a
// repository with workflows; they are now asked ahead of the process that read the policy at base.
const WORKFLOWS = new AgentSession(
  {
    'slipway.yaml': 'version: 1\nproduction_branch: main\n',
    '.github/workflows/ci.yml':
      'on: pull_request\njobs:\n  gate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/gate\n',
    '.github/actions/gate/action.yml':
      'runs:\n  using: composite\n  steps:\n    - run: npx slipway check\n      shell: bash\n',
    'docs/guide.md': '# Guide\n',
  },
  { process: true },
);

describe('slipway hook: the workflows read at base', () => {
  function call(path: string, content: string) {
    const trace = join(WORKFLOWS.dir, '..', `trace-${Math.random().toString(36).slice(2)}.log`);
    writeFileSync(trace, '');
    const r = slipway(['hook', 'claude'], {
      cwd: WORKFLOWS.dir,
      env: { GIT_TRACE: trace },
      input: JSON.stringify(WORKFLOWS.claude('Write', { file_path: WORKFLOWS.at(path), content })),
    });
    const ownBatches = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => /trace: built-in: git cat-file --batch /.test(l)).length;
    return { r, ownBatches };
  }

  it('are asked of the process that read the policy, and still judge the action a workflow runs', () => {
    // Something committed on the branch: the rules then weigh the change against the base.
    WORKFLOWS.repo.write({ 'docs/a.md': 'a\n' });
    WORKFLOWS.repo.git('add', '-A');
    WORKFLOWS.repo.git('commit', '-qm', 'docs');
    const docs = call('docs/b.md', '# B\n');
    expect([docs.r.code, docs.r.stdout, docs.ownBatches]).toEqual([0, '', 0]);
    // The local action the base's workflow runs, emptied of its Slipway step: found through the
    // workflow read at base, as before.
    const action = call(
      '.github/actions/gate/action.yml',
      'runs:\n  using: composite\n  steps:\n    - run: echo skipped\n      shell: bash\n',
    );
    expect(action.r.stdout + action.r.stderr).toMatch(/PATH004\].*\.github\/actions\/gate\/action\.yml/);
    expect(action.ownBatches).toBe(0);
  });
});

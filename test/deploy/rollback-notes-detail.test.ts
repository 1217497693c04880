// Over 300 lines: one scenario per case over the same deployed repository and its Alembic
// history helpers, which the cases share.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';
import { runCli } from './helpers/run-cli.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const PAIR = `dependencies:
  requirements: backend/requirements.txt
  lock: backend/requirements.lock
`;
const MIGRATIONS = `migrations:
  alembic: alembic/versions
`;

/** An Alembic revision file: `down` is its down_revision (a tuple for a merge revision). */
function revision(rev: string, down: string | string[] | null, upgrade = 'pass', downgrade = 'pass'): string {
  const d =
    down === null ? 'None' : Array.isArray(down) ? `(${down.map((x) => `"${x}"`).join(', ')})` : `"${down}"`;
  return `"""${rev}

Revision ID: ${rev}
"""
from alembic import op
import sqlalchemy as sa

revision = "${rev}"
down_revision = ${d}
branch_labels = None
depends_on = None


def upgrade():
    ${upgrade}


def downgrade():
    ${downgrade}
`;
}

const ADD_COLUMN = 'op.add_column("users", sa.Column("nick", sa.Text()))';
const DROP_COLUMN = 'op.drop_column("users", "nick")';

describe('rollback notes: what changed between the target and the current commit', () => {
  let f: DeployFixture;
  beforeEach(async () => {
    f = await new DeployFixture().start();
  });
  afterEach(() => f.dispose());

  /**
   * Commits `before` (the rollback target, v1) and then `after` (what runs now, v2), writes a
   * record with v2 live and v1 before it, and runs `slipway rollback --dry-run`. Resolves to
   * the output's lines, the two SHAs and the target's short SHA.
   */
  async function rollbackBetween(
    extra: string,
    before: Record<string, string>,
    after: Record<string, string>,
    removeAfter: string[] = [],
  ) {
    const yaml = f.read('slipway.yaml') ?? '';
    f.repo.write({ 'slipway.yaml': yaml.replace('deploy:\n', `${extra}deploy:\n`), ...before });
    const v1 = f.repo.commit('v1');
    f.repo.remove(...removeAfter);
    f.repo.write({ 'app.txt': 'v2\n', ...after });
    const v2 = f.repo.commit('v2');
    f.repo.write({
      [RECORD]: JSON.stringify({
        last_good_sha: v2,
        deployed_at: '2026-01-02T00:00:00Z',
        previous_sha: v1,
        history: [{ event: 'PROMOTE', sha: v1, deployed_at: '2026-01-01T00:00:00Z' }],
      }),
    });
    const r = await runCli(['rollback', '--reason', 'orders broken', '--dry-run'], {
      cwd: f.repo.dir,
      env: f.env,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`rollback production from ${v2.slice(0, 12)} to ${v1}`);
    expect(r.stdout).toContain('dry run: nothing was deployed or written');
    expect(f.requests()).toEqual([]);
    return { lines: r.stdout.split('\n'), stdout: r.stdout, v1, v2, t: v1.slice(0, 12) };
  }

  /** The lines from the one starting with `first` up to (not including) the next note. */
  function noteAt(lines: string[], first: string): string[] {
    const i = lines.findIndex((l) => l.startsWith(`  ${first}`));
    expect(i, `a line starting with "  ${first}"`).toBeGreaterThanOrEqual(0);
    let j = i + 1;
    while (j < lines.length && lines[j]?.startsWith('    ')) j++;
    return lines.slice(i, j);
  }

  it('names the revisions added since the target, newest first, and the revision to downgrade to', async () => {
    const { lines, t } = await rollbackBetween(
      MIGRATIONS,
      {
        'alembic/versions/aaa_base.py': revision(
          'aaa',
          null,
          'op.create_table("users")',
          'op.drop_table("users")',
        ),
      },
      {
        'alembic/versions/bbb_add.py': revision('bbb', 'aaa', ADD_COLUMN, DROP_COLUMN),
        'alembic/versions/ccc_more.py': revision('ccc', 'bbb', 'op.create_table("orders")', 'pass'),
      },
    );
    expect(noteAt(lines, 'not undone:')).toEqual([
      `  not undone: 2 Alembic revisions in alembic/versions added since ${t} stay applied to the database (an app rollback leaves it alone), newest first:`,
      '    ccc  alembic/versions/ccc_more.py; downgrade() is empty: passing it changes nothing in the database',
      '    bbb  alembic/versions/bbb_add.py',
      `    to undo them: \`alembic downgrade aaa\` (the head at ${t}); the schema goes first: run it with the current code, before the rollback (the target's code has no scripts for these revisions)`,
    ]);
    expect(lines.join('\n')).not.toContain('must match');
  });

  it('names the .sql migrations added since the target, with their way back, as the rollback prints them', async () => {
    const { lines, t } = await rollbackBetween(
      'migrations:\n  sql: ["db/*.sql"]\n  sql_runner: golang-migrate\n',
      { 'db/1_users.up.sql': 'CREATE TABLE users (id int);\n', 'db/1_users.down.sql': 'DROP TABLE users;\n' },
      {
        'db/2_nick.up.sql': 'ALTER TABLE users ADD COLUMN nick text;\n',
        'db/2_nick.down.sql': 'ALTER TABLE users DROP COLUMN nick;\n',
      },
    );
    expect(noteAt(lines, 'not undone:')).toEqual([
      `  not undone: 1 SQL migration in db/ added since ${t} stays applied to the database (an app rollback leaves it alone), newest first:`,
      '    db/2_nick.up.sql  way back: db/2_nick.down.sql',
      "    to undo them: run each way back, newest first, with the current code, before the rollback (the target's code does not have these files); or keep them if the target's code runs on the new schema",
    ]);
  });

  it('marks merge revisions and irreversible downgrades, and lists the heads when the target has several', async () => {
    const { lines, t } = await rollbackBetween(
      MIGRATIONS,
      {
        'alembic/versions/aaa_base.py': revision('aaa', null),
        'alembic/versions/x1_left.py': revision('x1', 'aaa', ADD_COLUMN, DROP_COLUMN),
        'alembic/versions/x2_right.py': revision('x2', 'aaa', ADD_COLUMN, DROP_COLUMN),
      },
      {
        'alembic/versions/mmm_merge.py': revision('mmm', ['x1', 'x2']),
        'alembic/versions/nnn_drop.py': revision(
          'nnn',
          'mmm',
          'op.drop_table("legacy")',
          'raise NotImplementedError("irreversible: the rows are gone")',
        ),
      },
    );
    expect(noteAt(lines, 'not undone:')).toEqual([
      `  not undone: 2 Alembic revisions in alembic/versions added since ${t} stay applied to the database (an app rollback leaves it alone), newest first:`,
      '    nnn  alembic/versions/nnn_drop.py; downgrade() raises NotImplementedError: irreversible, the downgrade stops here',
      '    mmm  alembic/versions/mmm_merge.py; merges x1, x2',
      `    to undo them: the database must end at the 2 heads ${t} has (x1, x2); downgrade each branch to its head by hand and check \`alembic heads\`/\`alembic current\`; the schema goes first: run it with the current code, before the rollback (the target's code has no scripts for these revisions)`,
    ]);
  });

  it('says when the added revisions branch and the current tree has several heads', async () => {
    const { lines, t } = await rollbackBetween(
      MIGRATIONS,
      { 'alembic/versions/aaa_base.py': revision('aaa', null) },
      {
        'alembic/versions/bbb_fork.py': revision('bbb', 'aaa', ADD_COLUMN, DROP_COLUMN),
        'alembic/versions/c1_left.py': revision('c1', 'bbb', ADD_COLUMN, DROP_COLUMN),
        'alembic/versions/c2_right.py': revision('c2', 'bbb', ADD_COLUMN, DROP_COLUMN),
      },
    );
    expect(noteAt(lines, 'not undone:')).toEqual([
      `  not undone: 3 Alembic revisions in alembic/versions added since ${t} stay applied to the database (an app rollback leaves it alone), newest first:`,
      '    c1  alembic/versions/c1_left.py',
      '    c2  alembic/versions/c2_right.py',
      '    bbb  alembic/versions/bbb_fork.py; branch point of c1, c2',
      '    the current tree has 2 heads (c1, c2), not one',
      `    to undo them: \`alembic downgrade aaa\` (the head at ${t}); the schema goes first: run it with the current code, before the rollback (the target's code has no scripts for these revisions)`,
    ]);
  });

  it('says downgrade to base when the target has no revisions yet', async () => {
    const { lines, t } = await rollbackBetween(
      MIGRATIONS,
      { 'alembic/versions/README': 'versions live here\n' },
      {
        'alembic/versions/aaa_base.py': revision(
          'aaa',
          null,
          'op.create_table("users")',
          'op.drop_table("users")',
        ),
      },
    );
    expect(noteAt(lines, 'not undone:')).toEqual([
      `  not undone: 1 Alembic revision in alembic/versions added since ${t} stays applied to the database (an app rollback leaves it alone), newest first:`,
      '    aaa  alembic/versions/aaa_base.py',
      `    to undo them: \`alembic downgrade base\` (alembic/versions has no revisions at ${t}); the schema goes first: run it with the current code, before the rollback (the target's code has no scripts for these revisions)`,
    ]);
  });

  it('has no note when no revision was added and the lock did not change', async () => {
    const lock = 'requests==2.31.0\n';
    const { stdout } = await rollbackBetween(
      `${MIGRATIONS}${PAIR}`,
      {
        'alembic/versions/aaa_base.py': revision('aaa', null),
        'backend/requirements.txt': lock,
        'backend/requirements.lock': lock,
      },
      // The migration file is renamed and edited: the same revision, nothing to undo.
      { 'alembic/versions/aaa_renamed.py': revision('aaa', null, 'pass', '# nothing') },
      ['alembic/versions/aaa_base.py'],
    );
    expect(stdout).not.toContain('not undone');
    expect(stdout).not.toContain('must match');
    expect(stdout).not.toContain('unknown:');
  });

  it('lists the package changes of the lock: upgrades, added and removed packages', async () => {
    const { lines, t } = await rollbackBetween(
      PAIR,
      {
        'backend/requirements.txt': 'requests==2.0.0\nfoo==1\nidna==3.4\n',
        'backend/requirements.lock': 'requests==2.0.0\nfoo==1\nidna==3.4\n',
      },
      {
        'backend/requirements.txt': 'requests==2.31.0\nidna==3.4\nnumpy==1.0\n',
        'backend/requirements.lock': '# regenerated\nidna==3.4\nnumpy==1.0\nRequests==2.31.0\n',
      },
    );
    expect(noteAt(lines, 'must match:')).toEqual([
      `  must match: backend/requirements.lock changes 3 packages since ${t} (target → current; + added since, - removed since); the rollback must install ${t}'s version, which reverts them:`,
      '    Requests 2.0.0 → 2.31.0',
      '    + numpy==1.0',
      '    - foo==1',
    ]);
    expect(lines.join('\n')).not.toContain('not undone');
  });

  it('has no lock note when only comments and order changed', async () => {
    const { stdout } = await rollbackBetween(
      PAIR,
      {
        'backend/requirements.txt': 'a==1\nb==2\n',
        'backend/requirements.lock': 'a==1\nb==2\n',
      },
      { 'backend/requirements.lock': '# pip-compile output\nb==2  # via x\na==1\n' },
    );
    expect(stdout).not.toContain('must match');
  });

  it('shows the first 20 changes of a long lock diff and counts the rest', async () => {
    const pins = (v: string) =>
      Array.from({ length: 25 }, (_, i) => `pkg${String(i).padStart(2, '0')}==${v}\n`).join('');
    const { lines, t } = await rollbackBetween(
      PAIR,
      { 'backend/requirements.txt': pins('1.0'), 'backend/requirements.lock': pins('1.0') },
      { 'backend/requirements.txt': pins('2.0'), 'backend/requirements.lock': pins('2.0') },
    );
    const note = noteAt(lines, 'must match:');
    expect(note[0]).toContain(`changes 25 packages since ${t}`);
    expect(note.slice(1, 3)).toEqual(['    pkg00 1.0 → 2.0', '    pkg01 1.0 → 2.0']);
    expect(note).toHaveLength(22);
    expect(note[20]).toBe('    pkg19 1.0 → 2.0');
    expect(note[21]).toBe('    … and 5 more');
  });

  it('says when the lock was added since the target', async () => {
    const added = await rollbackBetween(
      PAIR,
      { 'backend/requirements.txt': 'a==1\n' },
      { 'backend/requirements.lock': 'a==1\nb==2\n' },
    );
    expect(noteAt(added.lines, 'must match:')).toEqual([
      `  must match: backend/requirements.lock did not exist at ${added.t} (it was added since, with 2 packages); the rollback must install ${added.t}'s dependencies without it`,
    ]);
  });

  it('says when the lock was deleted since the target', async () => {
    const { lines, t } = await rollbackBetween(
      PAIR,
      { 'backend/requirements.txt': 'a==1\n', 'backend/requirements.lock': 'a==1\n' },
      {},
      ['backend/requirements.lock'],
    );
    expect(noteAt(lines, 'must match:')).toEqual([
      `  must match: backend/requirements.lock was deleted since ${t} (it locked 1 package there); the rollback must install ${t}'s backend/requirements.lock`,
    ]);
  });

  it('lists the lines pip cannot read instead of failing on them', async () => {
    const { lines, t, v2 } = await rollbackBetween(
      PAIR,
      { 'backend/requirements.txt': 'a==1\n', 'backend/requirements.lock': 'a==1\n' },
      { 'backend/requirements.lock': 'a==2\nb==\n' },
    );
    const note = noteAt(lines, 'must match:');
    expect(note.slice(0, 3)).toEqual([
      `  must match: backend/requirements.lock changes 1 package since ${t} (target → current; + added since, - removed since); the rollback must install ${t}'s version, which reverts them:`,
      '    a 1 → 2',
      '    lines pip cannot read, not in the list above:',
    ]);
    expect(note[3]).toMatch(new RegExp(`^ {6}${v2.slice(0, 12)}: line 2 \`b==\`: not a valid requirement: `));
    expect(note).toHaveLength(4);
  });

  it('says a TOML lock that is not valid TOML cannot be listed, and goes on', async () => {
    const uv = (v: string) => `version = 1\n\n[[package]]\nname = "a"\nversion = "${v}"\n`;
    const { lines, t, v2 } = await rollbackBetween(
      'dependencies:\n  requirements: backend/requirements.txt\n  lock: uv.lock\n',
      { 'backend/requirements.txt': 'a==1\n', 'uv.lock': uv('1') },
      { 'uv.lock': `${uv('2')}[[package]\nname = \n` },
    );
    const note = noteAt(lines, 'must match:');
    expect(note).toHaveLength(1);
    expect(note[0]).toMatch(
      new RegExp(
        `^ {2}must match: uv\\.lock differs between the two commits but cannot be read at ${v2.slice(0, 12)} \\(not valid TOML: .+\\), so its package changes cannot be listed; the rollback must install ${t}'s version$`,
      ),
    );
  });

  it('reads a valid TOML lock with policy-core and lists its changes', async () => {
    const uv = (v: string, extra = '') =>
      `version = 1\n\n[[package]]\nname = "a"\nversion = "${v}"\n${extra}`;
    const { lines, t } = await rollbackBetween(
      'dependencies:\n  requirements: backend/requirements.txt\n  lock: uv.lock\n',
      { 'backend/requirements.txt': 'a==1\n', 'uv.lock': uv('1') },
      { 'uv.lock': uv('2', '\n[[package]]\nname = "b"\nversion = "3.0"\n') },
    );
    expect(noteAt(lines, 'must match:')).toEqual([
      `  must match: uv.lock changes 2 packages since ${t} (target → current; + added since, - removed since); the rollback must install ${t}'s version, which reverts them:`,
      '    a 1 → 2',
      '    + b==3.0',
    ]);
  });
});

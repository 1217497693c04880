import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture, policyYaml } from './helpers/deploy-repo.js';

/** A revision whose upgrade drops a column (MIG002, an error) and whose downgrade restores it. */
const dropColumn = (rev: string, down: string | null, column: string) => `"""drop ${column}"""
from alembic import op
import sqlalchemy as sa

revision = "${rev}"
down_revision = ${down === null ? 'None' : `"${down}"`}


def upgrade():
    op.drop_column("users", "${column}")


def downgrade():
    op.add_column("users", sa.Column("${column}", sa.Text(), nullable=True))
`;

const MIGRATIONS = 'migrations:\n  alembic: alembic/versions\n';

/**
 * Migrations production already ran are history: promote's guard and `check --tree` judge only
 * what a promote would newly apply, and both say what they left alone and why.
 */
describe('migrations production already ran are not judged again', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture().start();
    f.repo.write({
      'slipway.yaml': `${policyYaml()}${MIGRATIONS}`,
      'alembic/versions/0001_drop_nickname.py': dropColumn('0001', null, 'nickname'),
    });
    f.repo.commit('a history from before Slipway');
  });
  afterAll(() => f.dispose());

  it('a first promote is refused over an old migration until the policy says it was applied', async () => {
    // Production's promote runs the guard (staging's does not): a dry run shows its verdict.
    const refused = await f.cli('promote', '--env', 'production', '--dry-run', ...APPROVE);
    expect(refused.stdout).toMatch(
      /FAIL guard: MIG002 alembic\/versions\/0001_drop_nickname\.py:10 .*-- reason`; coverage: judged .*MIG 1\b.*$/m,
    );

    // `guard` on the production branch, with no change to judge, says what promote's guard says.
    const guard = await f.cli('guard');
    expect(guard.stdout).toMatch(/0001_drop_nickname\.py:10:5: error MIG002 /);
    expect(guard.code).toBe(1);

    f.repo.write({ 'slipway.yaml': `${policyYaml()}${MIGRATIONS}  applied_through: "0001"\n` });
    f.repo.commit('production has run 0001');
    await f.ship('staging');
    const plan = await f.cli('promote', '--env', 'production', '--dry-run', ...APPROVE);
    expect(plan.stdout).toContain(
      'ok   guard: passes on this tree; judged: the tree; 1 applied migration not judged (at or before migrations.applied_through (0001) in the policy)',
    );
    expect(plan.code).toBe(0);
    const passes = await f.cli('guard');
    expect(passes.stdout).toContain('judged: the tree; 1 applied migration not judged (at or before');
    expect(passes.code).toBe(0);
    await f.ship();
  });

  it('once production has run a commit, only the migrations after it are judged, by promote and check alike', async () => {
    const production = f.repo.git('rev-parse', 'HEAD').trim();
    // The record decides now: the policy's applied_through is gone, and 0001 stays history.
    f.repo.write({
      'slipway.yaml': `${policyYaml()}${MIGRATIONS}`,
      'alembic/versions/0002_drop_email.py': dropColumn('0002', '0001', 'email'),
    });
    const next = f.repo.commit('a new destructive migration');
    const plan = await f.cli('promote', next, '--env', 'production', '--dry-run', ...APPROVE);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toMatch(/FAIL guard: MIG002 alembic\/versions\/0002_drop_email\.py:10 /);
    expect(plan.stdout).not.toContain('0001_drop_nickname.py:10');
    const why = `1 applied migration not judged (present unchanged in ${production.slice(0, 12)}, the commit production runs per infrastructure/LAST_PROD_DEPLOY.json)`;
    expect(plan.stdout).toContain(why);

    const check = await f.cli('check', '--tree', '--format', 'json');
    const report = JSON.parse(check.stdout);
    expect(
      report.findings
        .filter((x: { rule: string }) => x.rule === 'MIG002')
        .map((x: { file: string }) => x.file),
    ).toEqual(['alembic/versions/0002_drop_email.py']);
    expect(report.scope.notJudged).toEqual([
      expect.objectContaining({
        what: 'applied migrations',
        count: 1,
        files: ['alembic/versions/0001_drop_nickname.py'],
      }),
    ]);
    const text = await f.cli('check', '--tree');
    expect(text.stdout).toContain('judged: the tree; ');
    expect(text.stdout).toContain(why);
  });

  it('an applied migration edited since is judged again, and the note says why', async () => {
    f.repo.write({ 'alembic/versions/0001_drop_nickname.py': dropColumn('0001', null, 'phone') });
    try {
      const check = await f.cli('check', '--tree', '--format', 'json');
      const report = JSON.parse(check.stdout);
      const files = report.findings
        .filter((x: { rule: string }) => x.rule === 'MIG002')
        .map((x: { file: string }) => x.file);
      expect(files).toContain('alembic/versions/0001_drop_nickname.py');
      expect(report.scope.notes).toEqual([
        expect.stringMatching(
          /^1 migration in [0-9a-f]{12} edited since is judged again \(the edit never ran\): alembic\/versions\/0001_drop_nickname\.py$/,
        ),
      ]);
    } finally {
      f.repo.git('checkout', '--', 'alembic/versions/0001_drop_nickname.py');
    }
  });

  it('a record naming a commit this repository lacks decides nothing, and says so', async () => {
    const record = f.read('infrastructure/LAST_PROD_DEPLOY.json') as string;
    const unknown = 'f'.repeat(40);
    const sha = JSON.parse(record).last_good_sha as string;
    f.repo.write({ 'infrastructure/LAST_PROD_DEPLOY.json': record.replace(sha, unknown) });
    try {
      const check = await f.cli('check', '--tree', '--format', 'json', '--rule', 'MIG');
      const report = JSON.parse(check.stdout);
      expect(report.scope.notJudged).toEqual([]);
      expect(report.scope.notes).toEqual([
        `infrastructure/LAST_PROD_DEPLOY.json says production runs ${unknown.slice(0, 12)}, which is not a commit in this repository (a shallow clone, or rewritten history): judged as if no migration had run there`,
      ]);
      const files = report.findings.map((x: { file: string }) => x.file);
      expect(files).toContain('alembic/versions/0001_drop_nickname.py');
    } finally {
      f.repo.write({ 'infrastructure/LAST_PROD_DEPLOY.json': record });
    }
  });

  it('without the new migration the next promote passes, still saying what it left alone', async () => {
    f.repo.git('rm', '-q', 'alembic/versions/0002_drop_email.py');
    f.repo.commit('not yet');
    await f.ship('staging');
    const plan = await f.cli('promote', '--env', 'production', '--dry-run', ...APPROVE);
    expect(plan.stdout).toMatch(
      /ok {3}guard: passes on this tree; judged: the tree; 1 applied migration not judged \(present unchanged in /,
    );
    expect(plan.code).toBe(0);
  });
});

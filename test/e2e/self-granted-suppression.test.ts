import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { BOT, json, repoFactory } from './e2e-helpers.js';

/**
 * An agent cannot lift a finding with a `slipway: allow` comment it wrote itself: on an agent's
 * change, a directive the change added or altered does not suppress unless a human approved the
 * change (the protected label). Directives already on the base keep working.
 */
const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [ledger/core/]
agents:
  branches: ["auto/*"]
  identities: ["*[bot]@users.noreply.github.com"]
  allowed: [/alembic/]
migrations:
  alembic: alembic/versions
`;
const HUMAN = { name: 'Dev Human', email: 'dev@example.com' };

const migration = (rev: string, down: string, upgrade: string) => `from alembic import op

revision = '${rev}'
down_revision = ${down}


def upgrade():
${upgrade}


def downgrade():
    pass
`;
const INIT = migration('a1', 'None', "    op.create_table('users')\n    op.create_table('audit')");
const ALLOW = '  # slipway: allow MIG001 -- unused since the archive service';
const DROP = `    op.drop_table('users')${ALLOW}`;

const repo = repoFactory();

function mainRepo(files: Record<string, string> = {}) {
  const r = repo({ 'slipway.yaml': POLICY, 'alembic/versions/a1_init.py': INIT, ...files });
  r.commit('init');
  return r;
}

const mig001 = (dir: string, ...args: string[]) => {
  const out = slipway(['check', '--format', 'json', '--rule', 'MIG001', '--rule', 'SUP', ...args], {
    cwd: dir,
  });
  return { code: out.code, findings: json(out).findings };
};

describe('self-granted suppressions', () => {
  it('an agent adding a drop with its own `slipway: allow`: MIG001 stands and says why', () => {
    const r = mainRepo();
    r.git('checkout', '-q', '-b', 'auto/cleanup');
    r.write({ 'alembic/versions/b2_drop.py': migration('b2', "'a1'", DROP) });
    r.commit('drop users', BOT);
    const out = mig001(r.dir);
    expect(out.code).toBe(1);
    expect(out.findings.map((f) => `${f.rule} ${f.severity} ${f.file}:${f.line}`)).toEqual([
      'MIG001 error alembic/versions/b2_drop.py:8',
    ]);
    expect(out.findings[0]?.message).toMatch(
      /Not suppressed: the `slipway: allow` comment at alembic\/versions\/b2_drop\.py:8 was added or changed by this change \(agent branch `auto\/cleanup` \(agents\.branches `auto\/\*`\)\) and does not count: a human-approved change \(the `approved-core-change` label\) is needed/,
    );
    // With the label a human approved the change, suppression included.
    expect(mig001(r.dir, '--label', 'approved-core-change')).toEqual({ code: 0, findings: [] });
  });

  it('near miss: the same comment already on the base keeps working on an agent branch', () => {
    const r = mainRepo({ 'alembic/versions/b2_drop.py': migration('b2', "'a1'", DROP) });
    r.git('checkout', '-q', '-b', 'auto/touch');
    r.write({ 'alembic/versions/b2_drop.py': `# reviewed\n${migration('b2', "'a1'", DROP)}` });
    r.commit('touch the migration', BOT);
    expect(mig001(r.dir)).toEqual({ code: 0, findings: [] });
  });

  it("moving the base's comment onto a new drop is a new suppression", () => {
    const r = mainRepo({ 'alembic/versions/b2_drop.py': migration('b2', "'a1'", DROP) });
    r.git('checkout', '-q', '-b', 'auto/retarget');
    r.write({ 'alembic/versions/b2_drop.py': migration('b2', "'a1'", `    op.drop_table('audit')${ALLOW}`) });
    r.commit('drop audit instead', BOT);
    expect(mig001(r.dir).findings.map((f) => f.rule)).toEqual(['MIG001']);
  });

  it('an agent identity on a human-named branch cannot suppress either; a human can', () => {
    const r = mainRepo();
    r.git('checkout', '-q', '-b', 'feature/cleanup');
    r.write({ 'alembic/versions/b2_drop.py': migration('b2', "'a1'", DROP) });
    r.commit('drop users', BOT);
    const agent = mig001(r.dir);
    expect(agent.findings.map((f) => f.rule)).toEqual(['MIG001']);
    expect(agent.findings[0]?.message).toContain(
      'agent author `agent[bot] <123+agent[bot]@users.noreply.github.com>` of commit',
    );

    const human = mainRepo();
    human.git('checkout', '-q', '-b', 'feature/cleanup');
    human.write({ 'alembic/versions/b2_drop.py': migration('b2', "'a1'", DROP) });
    human.commit('drop users', HUMAN);
    expect(mig001(human.dir)).toEqual({ code: 0, findings: [] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENTS_SECTION, AgentDeployFixture } from './helpers/agent-fixture.js';
import { policyYaml } from './helpers/deploy-repo.js';

const MIGRATIONS = 'migrations:\n  sql: ["db/migrations/*.sql"]\n';
const AGENT = { name: 'helper[bot]', email: 'helper[bot]@users.noreply.github.com' };
const allowDrop = (table: string, reason: string) =>
  `SET lock_timeout = '5s';\n-- slipway: allow MIG001 -- ${reason}\nDROP TABLE ${table};\n`;

/**
 * Promote's guard judges the shipped commit's tree, whose `slipway: allow` comments the commit
 * carries. One an agent's commit wrote (the comment, or the line it allows) since production's
 * last good deploy lifts nothing there: an agent must not ship a destructive migration with its
 * own permission, even merged to the production branch without a review. Comments production
 * already ran, and those a person wrote, still count. Real git, the built CLI, real health checks.
 */
describe("promote's guard and the allow comments an agent wrote", () => {
  let f: AgentDeployFixture;
  beforeAll(async () => {
    f = await new AgentDeployFixture().start();
    f.repo.write({
      'slipway.yaml': `${policyYaml()}${AGENTS_SECTION}${MIGRATIONS}`,
      'db/migrations/0001_drop_legacy.sql': allowDrop('legacy', 'the legacy table is unused since 2024'),
    });
    f.repo.commit("a person's migration with a person's allow comment");
    await f.ship();
  });
  afterAll(() => f.dispose());

  const refusal = async () => {
    const r = await f.cli('promote', '--env', 'production', '--dry-run', '--yes', '--approved-by', 'Ada');
    return r.stdout;
  };
  /** Staging runs the guard too: what production's guard refuses never reaches staging either. */
  const refusedOnStaging = async (finding: RegExp) => {
    const r = await f.cli('promote', '--env', 'staging');
    expect(r.stdout).toMatch(finding);
    expect(r.code).toBe(1);
  };

  it("an agent's new migration that allows its own drop is refused, even merged to main", async () => {
    f.repo.git('checkout', '-q', '-b', 'auto/drop-orders');
    f.repo.write({ 'db/migrations/0002_drop_orders.sql': allowDrop('orders', 'orders moved to billing') });
    const agents = f.repo.commit('drop orders', AGENT);
    f.repo.git('checkout', '-q', 'main');
    f.repo.git('merge', '-q', '--no-ff', 'auto/drop-orders', '-m', 'merge the agent branch');
    await refusedOnStaging(/FAIL guard: MIG001 db\/migrations\/0002_drop_orders\.sql:3 /);
    const out = await refusal();
    expect(out).toMatch(/FAIL guard: MIG001 db\/migrations\/0002_drop_orders\.sql:3 /);
    expect(out).toContain(
      `the \`slipway: allow\` comment at db/migrations/0002_drop_orders.sql:2 was written by ${agents.slice(0, 12)}`,
    );
    expect(out).not.toContain('0001_drop_legacy.sql');
  });

  it('the same comment, rewritten and committed by a person, counts', async () => {
    f.repo.write({
      'db/migrations/0002_drop_orders.sql': allowDrop('orders', 'checked: billing owns orders now'),
    });
    f.repo.commit("a person's review of the agent's drop");
    expect((await f.cli('promote', '--env', 'staging')).code).toBe(0);
    expect(await refusal()).toMatch(/ok {3}guard: passes on this tree/);
  });

  it("a person's comment over a line an agent rewrote since the last deploy is refused", async () => {
    f.repo.write({
      'db/migrations/0002_drop_orders.sql': allowDrop('orders', 'checked: billing owns orders now').replace(
        'DROP TABLE orders;',
        'DROP TABLE customers;',
      ),
    });
    const rewrite = f.repo.commit('drop customers instead', AGENT);
    await refusedOnStaging(/FAIL guard: MIG001 db\/migrations\/0002_drop_orders\.sql:3 /);
    const out = await refusal();
    expect(out).toMatch(/FAIL guard: MIG001 db\/migrations\/0002_drop_orders\.sql:3 /);
    expect(out).toContain(
      `the statement the \`slipway: allow\` comment at db/migrations/0002_drop_orders.sql:2 allows was rewritten by ${rewrite.slice(0, 12)}`,
    );
  });

  it("an agent's rewrite of a later line of the statement a person allowed is refused too", async () => {
    // A person re-allows 0002 over what it now drops and adds a two-line drop; production runs it.
    f.repo.write({
      'db/migrations/0002_drop_orders.sql': allowDrop('customers', 'checked: customers moved to the CRM'),
      'db/migrations/0003_drop_audit.sql': `SET lock_timeout = '5s';\n-- slipway: allow MIG001 -- the old audit copy\nDROP TABLE\n  audit_old;\n`,
    });
    f.repo.commit("a person's drops, reviewed");
    await f.ship();
    f.repo.write({
      'db/migrations/0003_drop_audit.sql': `SET lock_timeout = '5s';\n-- slipway: allow MIG001 -- the old audit copy\nDROP TABLE\n  audit;\n`,
    });
    const rewrite = f.repo.commit('drop the live audit table', AGENT);
    await refusedOnStaging(/FAIL guard: MIG001 db\/migrations\/0003_drop_audit\.sql:3 /);
    const out = await refusal();
    expect(out).toMatch(/FAIL guard: MIG001 db\/migrations\/0003_drop_audit\.sql:3 /);
    expect(out).toContain(`was rewritten by ${rewrite.slice(0, 12)}`);
    expect(out).toContain('after the comment was written (line 4)');
  });

  it("a person's commit an agent co-wrote, or a .mailmap that names the agent a person, is still an agent's", async () => {
    // Back to a state production can run: a person re-allows 0003 over what it drops now.
    f.repo.write({
      'db/migrations/0003_drop_audit.sql': `SET lock_timeout = '5s';\n-- slipway: allow MIG001 -- audit moved to the archive\nDROP TABLE\n  audit;\n`,
    });
    f.repo.commit("a person's review of the audit drop");
    await f.ship();
    // An agent's commit whose shipped tree maps the agent to a person in .mailmap (git blame and
    // `git log %aN` would show the person), then a person's commit whose trailer names the agent.
    f.repo.write({
      '.mailmap': 'Dev Human <dev@example.com> helper[bot] <helper[bot]@users.noreply.github.com>\n',
      'db/migrations/0004_drop_sessions.sql': allowDrop('sessions', 'sessions live in redis now'),
    });
    const renamed = f.repo.commit('drop sessions', AGENT);
    f.repo.write({ 'db/migrations/0005_drop_tokens.sql': allowDrop('tokens', 'tokens moved to the IdP') });
    f.repo.git('add', '-A');
    f.repo.git(
      'commit',
      '-q',
      '-m',
      'drop tokens\n\nCo-authored-by: helper[bot] <helper[bot]@users.noreply.github.com>',
    );
    const cowritten = f.repo.git('rev-parse', 'HEAD').trim();
    await refusedOnStaging(/MIG001 db\/migrations\/0004_drop_sessions\.sql:3 /);
    const out = await refusal();
    expect(out).toMatch(/MIG001 db\/migrations\/0004_drop_sessions\.sql:3 /);
    expect(out).toMatch(/MIG001 db\/migrations\/0005_drop_tokens\.sql:3 /);
    expect(out).toContain(`was written by ${renamed.slice(0, 12)}`);
    expect(out).toContain(`was written by ${cowritten.slice(0, 12)}`);
  });
});

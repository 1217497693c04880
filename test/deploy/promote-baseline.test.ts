import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture, policyYaml } from './helpers/deploy-repo.js';

const MIGRATIONS = 'migrations:\n  sql: ["db/migrations/*.sql"]\n';
const DROP = (table: string) => `SET lock_timeout = '5s';\nDROP TABLE ${table};\n`;

/**
 * Promote's guard judges the shipped commit's tree with the deploying checkout's findings
 * baseline, as it does with its policy: a commit that grew the baseline it carries (to accept
 * its own destructive migration) is judged by the baseline production's branch holds.
 */
describe("promote's guard applies the deploying checkout's baseline", () => {
  let f: DeployFixture;
  let grown: string;
  beforeAll(async () => {
    f = await new DeployFixture().start();
    f.repo.write({
      'slipway.yaml': `${policyYaml()}${MIGRATIONS}`,
      'db/migrations/0001_drop_legacy.sql': DROP('legacy'),
    });
    f.repo.commit('a history from before Slipway');
    expect((await f.cli('baseline')).code).toBe(0);
    f.repo.commit('accept the old finding');
    // A commit off the production branch that adds a DROP and accepts it in its own baseline.
    f.repo.git('checkout', '-q', '-b', 'sneaky');
    f.repo.write({ 'db/migrations/0002_drop_orders.sql': DROP('orders') });
    expect((await f.cli('baseline')).code).toBe(0);
    grown = f.repo.commit('drop orders, and accept it');
    f.repo.git('checkout', '-q', 'main');
  });
  afterAll(() => f.dispose());

  it('the commit that accepts its own finding is refused; the old finding stays accepted', async () => {
    const plan = await f.cli('promote', grown, '--env', 'production', '--dry-run', ...APPROVE);
    expect(plan.stdout).toMatch(/FAIL guard: MIG001 db\/migrations\/0002_drop_orders\.sql:2 /);
    expect(plan.stdout).not.toContain('0001_drop_legacy.sql:2');
    expect(plan.stdout).toContain(
      '1 baselined finding not judged (accepted in .slipway/baseline.json as the deploying checkout holds it)',
    );
  });

  it("the production branch's own tip, whose baseline is the checkout's, passes", async () => {
    const plan = await f.cli('promote', '--env', 'production', '--dry-run', ...APPROVE);
    expect(plan.stdout).toMatch(/ok {3}guard: passes on this tree/);
    expect(plan.stdout).toContain('1 baselined finding not judged');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_IDENTITY, AGENTS_SECTION } from './helpers/agent-fixture.js';
import { APPROVE, DeployFixture, policyYaml } from './helpers/deploy-repo.js';
import { freeze, MINUTE, utcText } from './helpers/deny-window.js';
import { runCli } from './helpers/run-cli.js';

/**
 * Deploy windows at promote, through the built CLI, on a real clock (windows placed around now;
 * the calendar's own cases, daylight saving included, run on a fixed clock in
 * packages/policy-core/test/windows): a promote inside a deny window is refused saying which and
 * until when, an agent may not break the glass, a human may and the override is its own audit
 * entry; the near miss, a window that just closed, lets the promote through.
 */
describe('deploy windows', () => {
  let f: DeployFixture;
  let sha: string;
  const w = freeze(60);
  const policy = (windows: string) => `${policyYaml(windows)}${AGENTS_SECTION}`;
  beforeAll(async () => {
    f = await new DeployFixture(w.yaml).start();
    f.repo.write({ 'slipway.yaml': policy(w.yaml) });
    f.repo.commit('windows and agents');
    sha = await f.ship('staging');
  });
  afterAll(() => f.dispose());

  it('a promote inside a deny window is refused: the window, its rule, and when promotions resume; nothing deployed, logged', async () => {
    const before = f.requests().length;
    const r = await f.cli('promote', '--env', 'production', ...APPROVE);
    const why = `deny window "freeze" (${w.cron} for 3h, UTC) is open until ${utcText(w.end)}; promotions resume ${utcText(w.end)}`;
    expect(r.stdout).toContain(`FAIL window: ${why}; a human may override with --break-glass`);
    expect(r.code).toBe(1);
    expect(f.requests().length).toBe(before);
    const last = f.auditLines().at(-1);
    expect([last?.event, last?.outcome]).toEqual(['GUARD_FAILED', 'refused']);
    expect(last?.details).toContainEqual(expect.stringContaining(`window: ${why}`));
    const list = await f.cli('windows', '--count', '1');
    expect(list.stdout.split('\n')).toEqual([
      'staging: no deploy windows; promotes may run at any time',
      `production (UTC): closed now: ${why}`,
      `  deny window "freeze" (${w.cron} for 3h, UTC)`,
      '  next openings:',
      `    ${utcText(w.end)} until ${utcText(w.end + 21 * 60 * MINUTE)}`,
      '',
    ]);
  });

  it('an agent may not break the glass, even naming a human approver; a human without --reason is told to give one', async () => {
    const before = f.requests().length;
    const args = ['promote', '--env', 'production', '--break-glass', '--approver', 'Bo Boss'];
    const agent = await runCli([...args, '--reason', 'outage', ...APPROVE], {
      cwd: f.repo.dir,
      env: { ...f.env, ...AGENT_IDENTITY },
    });
    expect(agent.stderr).toContain(
      "is an agent (the policy's agents, a preset, or the coding agent whose shell runs this): an agent may not override a deploy window",
    );
    expect(agent.code).toBe(1);
    // The same from a coding agent's shell, under the person's own git identity.
    const shell = await runCli([...args, '--reason', 'outage', ...APPROVE], {
      cwd: f.repo.dir,
      env: { ...f.env, CLAUDECODE: '1' },
    });
    expect(shell.stderr).toMatch(
      /Claude Code as .* is an agent .*: an agent may not override a deploy window/,
    );
    expect(shell.code).toBe(1);
    const noReason = await f.cli(...args, '--dry-run');
    expect(noReason.stderr.trim()).toMatch(
      /--break-glass needs --reason saying why the deploy window is overridden/,
    );
    expect(noReason.code).toBe(2);
    // Asked for on an environment without windows, it is said to be unused, not silently dropped.
    const staging = await f.cli(
      'promote',
      '--env',
      'staging',
      '--break-glass',
      '--approver',
      'Bo Boss',
      '--reason',
      'x',
      '--dry-run',
    );
    expect(staging.stdout).toContain(
      'ok   window: deploy.windows gives staging no windows; --break-glass not used',
    );
    expect(f.requests().length).toBe(before);
    expect(f.auditLines().filter((e) => e.event === 'BREAK_GLASS')).toEqual([]);
  });

  it('a human breaks the glass: deployed, and BREAK_GLASS (approver, window, reason) is logged before the promote starts', async () => {
    const r = await f.cli(
      'promote',
      '--env',
      'production',
      '--break-glass',
      '--approver',
      'Bo Boss',
      '--reason',
      'hotfix for the outage',
      ...APPROVE,
    );
    expect(r.stdout).toContain(
      'ok   window: overridden by break-glass (approver Bo Boss): deny window "freeze"',
    );
    expect(r.code).toBe(0);
    expect(f.requests().at(-1)).toBe(`deploy production ${sha}`);
    const tail = f.auditLines().slice(-3);
    expect(tail.map((e) => [e.event, e.outcome, e.to])).toEqual([
      ['BREAK_GLASS', 'succeeded', sha],
      ['PROMOTE', 'started', sha],
      ['PROMOTE', 'succeeded', sha],
    ]);
    expect(tail[0]?.reason).toBe('hotfix for the outage');
    expect(tail[0]?.details).toEqual([
      'approver: Bo Boss',
      `window: deny window "freeze" (${w.cron} for 3h, UTC) is open until ${utcText(w.end)}; promotions resume ${utcText(w.end)}`,
    ]);
    // The history a person reads says who approved it and which window it broke.
    const history = (await f.cli('history', '--env', 'production')).stdout;
    expect(history).toMatch(/BREAK_GLASS .*\n {4}approver: Bo Boss\n {4}window: deny window "freeze"/);
  });

  it('near miss: a deny window that closed a minute ago lets the promote through, and `slipway windows` lists the opening', async () => {
    const closed = freeze(181);
    f.repo.write({ 'slipway.yaml': policy(closed.yaml), 'app.txt': 'v2\n' });
    f.repo.commit('the freeze moved');
    const started = Date.now();
    // Not verified on staging (this commit is new): a dry run shows every check, the window's among them.
    const r = await f.cli('promote', '--env', 'production', '--dry-run');
    expect(r.stdout).toContain('ok   window: no deny window is open');
    expect(r.stdout.match(/FAIL [a-z ]+:/g)).toEqual(['FAIL verified on staging:']);
    const list = await f.cli('windows', '--env', 'production', '--count', '2', '--json');
    const report = JSON.parse(list.stdout) as {
      environments: { open: boolean; openings: { start: string; end: string }[] }[];
    };
    const [prod] = report.environments;
    expect(prod?.open).toBe(true);
    expect(Date.parse(prod?.openings[0]?.start ?? '')).toBeGreaterThanOrEqual(started);
    expect(prod?.openings.map((o) => o.end)).toEqual([
      new Date(closed.start + 24 * 60 * MINUTE).toISOString(),
      new Date(closed.start + 48 * 60 * MINUTE).toISOString(),
    ]);
  });

  it('a rule outside the supported subset is one line naming the key, exit 2', async () => {
    f.repo.write({
      'slipway.yaml': policy(w.yaml.replace(`cron: "${w.cron}"`, 'rrule: "FREQ=DAILY;BYHOUR=9;COUNT=3"')),
    });
    const r = await f.cli('windows');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /`deploy\.windows\.production\.deny\[0\]\.rrule`: COUNT is not supported; the supported subset is FREQ=DAILY/,
    );
    expect(r.code).toBe(2);
    const count = await f.cli('windows', '--count', '0');
    expect(count.stderr.trim()).toBe(
      'slipway windows: --count must be a whole number from 1 to 100, not "0"',
    );
    expect(count.code).toBe(2);
  });
});

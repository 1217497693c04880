import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY, TempRepo } from '../helpers/git-repo.js';
import {
  API_V,
  DEPLOY_SCRIPT,
  HEALTH_KEY,
  leaksIn as leaksOf,
  leaksInRepository,
  PROBE_PW,
  PROBE_PW_DECODED,
  secretsPolicy,
} from './secret-sweep.js';
import { HealthServer } from '../deploy/helpers/health-server.js';
import { type Run, runCliProcess } from '../deploy/helpers/run-cli.js';

/**
 * Issue 55 (3): every value a `${VAR}` expands to is a secret. Each flow runs with distinctive
 * values, then the test looks for them in everything the run left behind: stdout, stderr,
 * `--format json`, every file of the working tree and of `.git` as stored, every object git holds
 * (decompressed) and `git log -p --all`. The servers on 127.0.0.1 record what they were sent, so
 * the same tests show that the real values were still used.
 */

const APPROVE = ['--yes', '--approved-by', 'Ada Approver'];

describe(`values expanded from \${VAR}s appear nowhere after a run`, () => {
  let repo: TempRepo;
  let state: string;
  const staging = new HealthServer();
  const prod = new HealthServer();
  const probe = new HealthServer();
  const literal = new HealthServer();
  let literalBase = '';
  let env: Record<string, string> = {};
  /** Everything every run printed, for the sweep at the end. */
  const printed: string[] = [];

  beforeAll(async () => {
    const [s, p, pr, l] = await Promise.all([staging.start(), prod.start(), probe.start(), literal.start()]);
    literalBase = l;
    state = mkdtempSync(join(tmpdir(), 'slipway-secrets-state-'));
    prod.stateFile = join(state, 'production.current');
    probe.stateFile = prod.stateFile;
    repo = new TempRepo({
      'slipway.yaml': secretsPolicy(literalBase),
      'infrastructure/scripts/deploy.sh': DEPLOY_SCRIPT,
      'app.txt': 'v1\n',
    });
    repo.commit('initial');
    env = {
      STAGING_URL: s,
      PROD_URL: p,
      PROBE_HOST: new URL(pr).host,
      HEALTH_KEY,
      PROBE_PW,
      API_V,
      DEPLOY_STATE: state,
      ...IDENTITY,
    };
  });
  afterAll(async () => {
    await Promise.all([staging.stop(), prod.stop(), probe.stop(), literal.stop()]);
    repo.dispose();
    rmSync(state, { recursive: true, force: true });
  });

  const cli = async (args: string[], extra: Record<string, string> = {}): Promise<Run> => {
    const r = await runCliProcess(args, { cwd: repo.dir, env: { ...env, ...extra } });
    printed.push(r.stdout, r.stderr);
    return r;
  };
  /** The forms of the secrets found in `text` (none, if nothing leaked). */
  const leaksIn = (text: string) => leaksOf(text, env);
  /** What the run printed and what the repository holds afterwards, each checked for every form. */
  const expectNothingLeaked = (r: Run) => {
    expect(leaksIn(r.stdout), 'stdout').toEqual([]);
    expect(leaksIn(r.stderr), 'stderr').toEqual([]);
    expect(leaksInRepository(repo, env), 'files, git objects and history').toEqual([]);
  };
  // Percent-decoded only: a URL's query keeps "+" as it is (form decoding would make it a space).
  const keysSent = (server: HealthServer) =>
    server.seen.flatMap((s) => {
      const m = /[?&]key=([^&]*)/.exec(s.url);
      return m?.[1] === undefined ? [] : [decodeURIComponent(m[1])];
    });

  it(`promote to staging: the health URL shows \${HEALTH_KEY}, the deploy script echoing its environment is redacted`, async () => {
    const r = await cli(['promote', '--env', 'staging']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`health ok   \${STAGING_URL}/health?key=\${HEALTH_KEY}`);
    expect(r.stdout).toContain(`deploying with key \${HEALTH_KEY} to \${PROD_URL}`);
    expectNothingLeaked(r);
    // Near miss: the request itself carried the real key.
    expect(keysSent(staging)).toEqual([HEALTH_KEY]);
  });

  it('near miss: a value shorter than the searched minimum ("1") is not redacted from free text', async () => {
    const r = await cli(['promote', '--env', 'staging']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('api version 1 ready');
    // ...and says so, once, before the command runs.
    expect(r.stdout).toContain(
      `note: \${API_V} is under 6 characters, too short to be hidden in the command's output`,
    );
  });

  it('promote --dry-run: the plan names every variable, including a one-character value, and none of their values', async () => {
    const r = await cli(['promote', '--env', 'production', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`health: \${PROD_URL}/health?key=\${HEALTH_KEY} (status "ok")`);
    expect(r.stdout).toContain(`health: http://slipway:\${PROBE_PW}@\${PROBE_HOST}/deep`);
    expect(r.stdout).toContain(`health: \${PROD_URL}/v\${API_V}/ping`);
    expectNothingLeaked(r);
  });

  it('promote --commit: the record, the audit log and the commit hold names, while the userinfo password went as a Basic header', async () => {
    const before = probe.seen.length;
    const r = await cli(['promote', '--env', 'production', '--commit', ...APPROVE]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const log = readFileSync(join(repo.dir, 'infrastructure/deploy-audit.jsonl'), 'utf8');
    expect(log).toContain(`health \${PROD_URL}/health?key=\${HEALTH_KEY}: ok`);
    expect(log).toContain(`health http://slipway:\${PROBE_PW}@\${PROBE_HOST}/deep: ok`);
    expect(repo.git('log', '-1', '--format=%B')).toContain('Slipway-Event: PROMOTE production');
    expectNothingLeaked(r);
    const sent = probe.seen.slice(before);
    expect(sent.map((s) => s.url)).toEqual(['/deep']);
    expect(sent[0]?.authorization).toBe(
      `Basic ${Buffer.from(`slipway:${PROBE_PW_DECODED}`).toString('base64')}`,
    );
    expect(prod.seen.map((s) => s.url)).toContain('/v1/ping');
  });

  it('--format json: plan and history documents carry the names only', async () => {
    const plan = await cli(['promote', '--env', 'production', '--dry-run', '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).plan.health.map((h: { url: string }) => h.url)).toEqual([
      `\${PROD_URL}/health?key=\${HEALTH_KEY}`,
      `http://slipway:\${PROBE_PW}@\${PROBE_HOST}/deep`,
      `\${PROD_URL}/v\${API_V}/ping`,
    ]);
    const history = await cli(['history', '--format', 'json', '--limit', '0']);
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(history.stdout))).toContain(`\${HEALTH_KEY}`);
    expectNothingLeaked(plan);
    expectNothingLeaked(history);
  });

  it('rollback --commit and history: names in the SYSTEM_CORRECTION_EVENT and every line history prints', async () => {
    repo.write({ 'app.txt': 'v2\n' });
    repo.commit('v2');
    expect((await cli(['promote', '--env', 'staging'])).code).toBe(0);
    expect((await cli(['promote', '--env', 'production', '--commit', ...APPROVE])).code).toBe(0);
    const r = await cli(['rollback', '--reason', 'secrets test', '--yes', '--commit']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain(`\${PROD_URL}/health?key=\${HEALTH_KEY}`);
    const h = await cli(['history', '--limit', '0']);
    expect(h.code, h.stderr).toBe(0);
    expectNothingLeaked(r);
    expectNothingLeaked(h);
    expect((await cli(['unpin', '--reason', 'secrets test done', '--yes'])).code).toBe(0);
  });

  it('a failing health check after a promote: the failure, the automatic rollback and its audit entries quote names', async () => {
    repo.write({ 'app.txt': 'v3\n' });
    const bad = repo.commit('v3');
    expect((await cli(['promote', '--env', 'staging'])).code).toBe(0);
    prod.badShas.add(bad);
    probe.badShas.add(bad);
    const r = await cli(['promote', '--env', 'production', '--commit', ...APPROVE]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain(`FAIL \${PROD_URL}/health?key=\${HEALTH_KEY}: HTTP 503`);
    expect(r.stdout).toContain(`FAIL http://slipway:\${PROBE_PW}@\${PROBE_HOST}/deep: HTTP 503`);
    expectNothingLeaked(r);
  });

  it('a redirect loop back to the URL with the key in it: the loop is reported with the names', async () => {
    repo.write({ 'app.txt': 'v4\n' });
    repo.commit('v4');
    staging.modes.set('/health', 'redirect-loop');
    try {
      const r = await cli(['promote', '--env', 'staging']);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toContain(`redirect loop at \${STAGING_URL}/health?key=\${HEALTH_KEY}`);
      expectNothingLeaked(r);
    } finally {
      staging.modes.delete('/health');
    }
  });

  it('a health check that times out: the timeout line names the URL by its variables', async () => {
    prod.modes.set('/health', 'slow');
    try {
      const r = await cli(['watch', '--once']);
      expect(`${r.stdout}${r.stderr}`).toMatch(
        /\$\{PROD_URL\}\/health\?key=\$\{HEALTH_KEY\}:? timed out after 1500 ms/,
      );
      expectNothingLeaked(r);
    } finally {
      prod.modes.delete('/health');
    }
  });

  it('a deploy command that fails after printing the key: its stderr is relayed with the name', async () => {
    const r = await cli(['promote', '--env', 'staging'], { DEPLOY_FAIL: '1' });
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain(`failed; the key was \${HEALTH_KEY}`);
    expectNothingLeaked(r);
  });

  it('a base URL that makes no URL: one line naming the variable, not its value', async () => {
    const r = await cli(['promote', '--env', 'staging', '--dry-run'], {
      STAGING_URL: 'not a url sekret-query',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^slipway promote: .*health URL \$\{STAGING_URL\}\/health\?key=\$\{HEALTH_KEY\} is not a valid URL/,
    );
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expectNothingLeaked(r);
  });

  it('near miss: a literal URL with `$` text that is no variable is printed and requested unchanged', async () => {
    const r = await cli(['promote', '--env', 'literal']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`health ok   ${literalBase}/status?cost=$5&who=$USER`);
    expect(literal.seen.map((s) => s.url)).toEqual(['/status?cost=$5&who=$USER']);
  });

  it('nothing any run printed holds a value', () => {
    expect(leaksIn(printed.join('\n'))).toEqual([]);
  });
});

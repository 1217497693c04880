import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthServer } from '../../../test/deploy/helpers/health-server.js';
import { IDENTITY, TempRepo } from '../../../test/helpers/git-repo.js';
import {
  DEPLOY_SCRIPT,
  HEALTH_KEY,
  leaksIn,
  leaksInRepository,
  PROBE_PW,
  secretsPolicy,
} from '../../../test/hostile/secret-sweep.js';
import { CommandClient } from './helpers/command-client.js';
import { LspSession } from './helpers/lsp-session.js';

interface Answer {
  ok: boolean;
  result?: { health?: { url: string }[] } & Record<string, unknown>;
  refused?: { code: string; message: string; hint?: string };
}

/**
 * Issue 55 (3) from an editor: the language server runs the same flows with the editor's
 * environment, and what it sends back (command answers, progress, `slipway/output` lines that
 * become the extension's output channel, messages, logs) reaches a person's screen and, through
 * the flows, the record. None of it may hold a value a `${VAR}` expanded to.
 */
describe(`deploy commands over stdio never send a \${VAR} value`, () => {
  let repo: TempRepo;
  let state: string;
  let lsp: LspSession;
  let client: CommandClient;
  const staging = new HealthServer();
  const prod = new HealthServer();
  const literal = new HealthServer();
  let env: Record<string, string> = {};
  const answers: Answer[] = [];

  beforeAll(async () => {
    const [s, p, l] = await Promise.all([staging.start(), prod.start(), literal.start()]);
    state = mkdtempSync(join(tmpdir(), 'slipway-lsp-secrets-'));
    repo = new TempRepo({
      'slipway.yaml': secretsPolicy(l),
      'infrastructure/scripts/deploy.sh': DEPLOY_SCRIPT,
      'app.txt': 'v1\n',
    });
    repo.commit('initial');
    env = {
      STAGING_URL: s,
      PROD_URL: p,
      PROBE_HOST: new URL(p).host,
      HEALTH_KEY,
      PROBE_PW,
      API_V: '1',
      DEPLOY_STATE: state,
      ...IDENTITY,
    };
    lsp = await LspSession.start(repo.dir, { env });
    client = new CommandClient(lsp);
  });
  afterAll(async () => {
    await lsp?.stop();
    await Promise.all([staging.stop(), prod.stop(), literal.stop()]);
    repo?.dispose();
    rmSync(state, { recursive: true, force: true });
  });

  const run = async (command: string, args: Record<string, unknown> = {}) => {
    const r = await client.run<Answer>(command, args);
    answers.push(r);
    return r;
  };
  /** Everything the server sent the client so far, and the server's own stderr. */
  const sent = () =>
    [
      ...answers.map((a) => JSON.stringify(a)),
      ...client.output,
      ...client.messages(),
      ...client.questions.map((q) => JSON.stringify(q)),
      ...lsp.messages,
      ...lsp.logs,
      lsp.stderr,
    ].join('\n');

  it('the promote plan lists the health URLs by their variables, userinfo password included', async () => {
    const r = await run('slipway.server.planPromote', { env: 'production' });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.result?.health?.map((h) => h.url)).toEqual([
      `\${PROD_URL}/health?key=\${HEALTH_KEY}`,
      `http://slipway:\${PROBE_PW}@\${PROBE_HOST}/deep`,
      `\${PROD_URL}/v\${API_V}/ping`,
    ]);
    expect(leaksIn(sent(), env)).toEqual([]);
  });

  it('a promote to staging: the answer, the progress and the output channel lines carry names; the server got the key', async () => {
    const r = await run('slipway.server.promote', { env: 'staging' });
    expect(r.refused).toBeUndefined();
    expect(r).toMatchObject({ ok: true, result: { outcome: 'deployed', env: 'staging' } });
    expect(client.output.join('\n')).toContain(`deploying with key \${HEALTH_KEY} to \${PROD_URL}`);
    expect(leaksIn(sent(), env)).toEqual([]);
    expect(leaksInRepository(repo, env)).toEqual([]);
    // Near miss: the request carried the real key (decoded as the server reads a query).
    expect(staging.seen.map((s) => decodeURIComponent(s.url.split('key=')[1] ?? ''))).toEqual([HEALTH_KEY]);
  });

  it('a deploy command that fails after printing the key: the refusal and its output name it', async () => {
    writeFileSync(join(state, 'fail'), '');
    try {
      repo.write({ 'app.txt': 'v2\n' });
      repo.commit('v2');
      const r = await run('slipway.server.promote', { env: 'staging' });
      expect(r.ok).toBe(false);
      expect(client.output.join('\n')).toContain(`failed; the key was \${HEALTH_KEY}`);
      expect(leaksIn(sent(), env)).toEqual([]);
      expect(leaksInRepository(repo, env)).toEqual([]);
    } finally {
      rmSync(join(state, 'fail'));
    }
  });

  it('history answers with the audit entries as written: names only', async () => {
    const r = await run('slipway.server.history', {});
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(JSON.stringify(r.result)).toContain(`\${HEALTH_KEY}`);
    expect(leaksIn(sent(), env)).toEqual([]);
  });
});

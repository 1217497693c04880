import { readAuditLog } from '@slipway/policy-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MayAssistantDeploy } from '../../../test/deploy/helpers/mayassistant-fixture.js';
import { waitUntil } from '../../../test/helpers/wait-until.js';
import { CommandClient } from './helpers/command-client.js';
import { startInProcess } from './helpers/in-process-server.js';
import { LspSession } from './helpers/lsp-session.js';

interface Answer<T = Record<string, unknown>> {
  ok: boolean;
  result?: T;
  refused?: { code: string; message: string; hint?: string };
}

/**
 * Promote and roll back from a plain LSP client (what Neovim does): `workspace/executeCommand`
 * over stdio to the built server, approvals answered through `window/showMessageRequest` or
 * passed as the typed short SHA, progress on a token the server creates. The repository is a
 * copy of examples/mayassistant whose environments are HTTP stand-ins on 127.0.0.1.
 */
describe('deploy commands over stdio', () => {
  let f: MayAssistantDeploy;
  let lsp: LspSession;
  let client: CommandClient;
  let sha1 = '';
  let sha2 = '';

  beforeAll(async () => {
    f = await new MayAssistantDeploy().start();
    sha1 = f.repo.git('rev-parse', 'HEAD').trim();
    lsp = await LspSession.start(f.repo.dir, { env: f.env });
    client = new CommandClient(lsp);
  });
  afterAll(async () => {
    await lsp?.stop();
    await f?.dispose();
  });

  const auditChainOk = () => {
    const text = readFileSync(join(f.repo.dir, 'infrastructure/deploy-audit.jsonl'), 'utf8');
    const log = readAuditLog(text, f.record()?.audit_head as string | undefined);
    expect(log.issues).toEqual([]);
  };

  it('verifies the head of main on staging, with progress and the deploy output', async () => {
    const r = await client.run<Answer>('slipway.server.promote', { env: 'staging' });
    expect(r.refused).toBeUndefined();
    expect(r).toMatchObject({ ok: true, result: { outcome: 'deployed', sha: sha1, env: 'staging' } });
    expect(f.requests()).toEqual([`deploy staging ${sha1}`]);
    // Progress on a token the server created (window/workDoneProgress/create), begun and ended.
    expect(client.created).toHaveLength(1);
    const mine = client.progress.filter((p) => p.token === client.created[0]);
    expect(mine[0]?.value).toMatchObject({ kind: 'begin', title: 'Slipway: promoting', cancellable: true });
    expect(mine.at(-1)?.value.kind).toBe('end');
    expect(mine.some((p) => p.value.kind === 'report' && /verified|deploy/.test(p.value.message ?? ''))).toBe(
      true,
    );
    expect(client.output.join('\n')).toContain(`deployed ${sha1} to staging`);
    expect(f.auditLines().map((l) => [l.event, l.outcome])).toEqual([
      ['STAGING_VERIFIED', 'started'],
      ['STAGING_VERIFIED', 'succeeded'],
    ]);
  });

  it("tells the client the policy's environments, for the promote picker", async () => {
    await lsp.pullWorkspace();
    await lsp.waitFor(() => lsp.statuses.some((s) => 'environments' in s));
    const status = lsp.statuses.findLast((s) => 'environments' in s) as { environments?: unknown };
    expect(status.environments).toEqual([
      { name: 'staging', production: false, approval: false },
      { name: 'production', production: true, approval: true, verifiedOn: 'staging' },
    ]);
  });

  it('plans the production promote: every check, and the approval it needs', async () => {
    const r = await client.run<
      Answer<{ wouldProceed: boolean; shortSha: string; approval: { required: boolean } }>
    >('slipway.server.planPromote', { env: 'production' });
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({
      wouldProceed: true,
      shortSha: sha1.slice(0, 7),
      approval: { required: true },
    });
    expect(f.requests()).toHaveLength(1);
  });

  it('refuses a wrongly typed approval and deploys nothing', async () => {
    const before = f.auditLines().length;
    const r = await client.run<Answer>('slipway.server.promote', { env: 'production', approval: 'deadbee' });
    expect(r.ok).toBe(false);
    expect(r.refused?.code).toBe('not-approved');
    expect(r.refused?.message).toMatch(new RegExp(`expected ${sha1.slice(0, 7)}.*"deadbee"`));
    expect(f.requests()).toHaveLength(1);
    expect(f.record()).toBeUndefined();
    expect(f.auditLines().length).toBeGreaterThan(before);
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'PROMOTE', outcome: 'refused' });
    expect(client.questions).toEqual([]);
  });

  it('asks a plain client with window/showMessageRequest; Cancel refuses', async () => {
    client.answer = (q) => q.actions?.find((a) => a.title === 'Cancel') ?? null;
    const r = await client.run<Answer>('slipway.server.promote', { env: 'production' });
    expect(r.ok).toBe(false);
    expect(r.refused?.code).toBe('not-approved');
    expect(client.questions.at(-1)?.actions?.map((a) => a.title)).toEqual([
      `Approve ${sha1.slice(0, 7)}`,
      'Cancel',
    ]);
    expect(f.requests()).toHaveLength(1);
    expect(f.record()).toBeUndefined();
  });

  it('promotes to production when the person chooses "Approve <sha>", and writes the record', async () => {
    client.answer = (q) => q.actions?.[0] ?? null;
    const r = await client.run<Answer>('slipway.server.promote', {
      env: 'production',
      reason: 'first release',
    });
    expect(r.refused).toBeUndefined();
    expect(r.result).toMatchObject({ outcome: 'deployed', sha: sha1 });
    expect(f.requests().at(-1)).toBe(`deploy production ${sha1}`);
    expect(f.record()).toMatchObject({ last_good_sha: sha1, event: 'PROMOTE', reason: 'first release' });
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'PROMOTE', outcome: 'succeeded', to: sha1 });
    auditChainOk();
  });

  it('cancels a deploy under way (window/workDoneProgress/cancel): logged, record untouched', async () => {
    f.repo.write({ 'docs/reports/2025-02-status.md': '# February\n' });
    sha2 = f.repo.commit('February status');
    f.hold(true);
    const running = client.run<Answer>('slipway.server.promote', { env: 'staging' });
    await waitUntil(() => f.requests().at(-1) === `deploy staging ${sha2}`, 'the deploy script to start');
    const token = client.created.at(-1);
    await lsp.connection.sendNotification('window/workDoneProgress/cancel', { token });
    const r = await running;
    f.hold(false);
    expect(r.ok).toBe(false);
    expect(r.result).toMatchObject({ outcome: 'cancelled' });
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'STAGING_VERIFIED', outcome: 'failed', to: sha2 });
    expect(f.record()).toMatchObject({ last_good_sha: sha1 });
    auditChainOk();
  });

  it('refuses a second promote while one is under way, naming who holds the lock', async () => {
    f.hold(true);
    const first = client.run<Answer>('slipway.server.promote', { env: 'staging' });
    await waitUntil(
      () => f.requests().filter((r) => r === `deploy staging ${sha2}`).length === 2,
      'the first deploy script to start',
    );
    const second = await client.run<Answer>('slipway.server.promote', { env: 'staging' });
    f.hold(false);
    expect(second.ok).toBe(false);
    expect(second.refused?.code).toBe('lock-held');
    expect(second.refused?.message).toMatch(/promote/);
    expect((await first).result).toMatchObject({ outcome: 'deployed', sha: sha2 });
    expect(f.requests().filter((r) => r === `deploy staging ${sha2}`)).toHaveLength(2);
  });

  it('ships a second release with the typed short SHA', async () => {
    const asked = client.questions.length;
    const r = await client.run<Answer>('slipway.server.promote', {
      env: 'production',
      approval: sha2.slice(0, 7),
    });
    expect(r.refused).toBeUndefined();
    expect(client.questions.length).toBe(asked);
    expect(f.record()).toMatchObject({ last_good_sha: sha2, previous_sha: sha1 });
  });

  it('plans the rollback, rolls back with a reason, logs the SYSTEM_CORRECTION_EVENT and pins', async () => {
    const plan = await client.run<Answer<{ from: string; target: string; notes: string[] }>>(
      'slipway.server.planRollback',
    );
    expect(plan.result).toMatchObject({ from: sha2, target: sha1 });
    const r = await client.run<Answer<{ correction: Record<string, unknown>; pinned: boolean }>>(
      'slipway.server.rollback',
      { reason: 'checkout errors after the February release' },
    );
    expect(r.refused).toBeUndefined();
    expect(r.result?.pinned).toBe(true);
    expect(r.result?.correction).toMatchObject({ event: 'SYSTEM_CORRECTION_EVENT', from: sha2, to: sha1 });
    expect(f.requests().at(-1)).toMatch(new RegExp(`production ${sha1}$`));
    expect(f.record()).toMatchObject({ last_good_sha: sha1, pinned: true, event: 'SYSTEM_CORRECTION_EVENT' });
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      outcome: 'succeeded',
      reason: 'checkout errors after the February release',
    });
    auditChainOk();
    // The status item hears of the pin once the record is read again.
    await lsp.pullWorkspace();
    await lsp.waitFor(() =>
      lsp.statuses.some((s) => (s as { production?: { pinned: boolean } }).production?.pinned === true),
    );
  });

  it('refuses a promote while pinned, saying what to do', async () => {
    const r = await client.run<Answer>('slipway.server.promote', {
      env: 'production',
      approval: sha2.slice(0, 7),
    });
    expect(r.ok).toBe(false);
    expect(`${r.refused?.message} ${r.refused?.hint ?? ''}`).toMatch(/pinned/);
    expect(f.record()).toMatchObject({ last_good_sha: sha1, pinned: true });
  });

  it('shows the history newest first with both SHAs', async () => {
    const r =
      await client.run<Answer<{ entries: { event: string; to: string | null }[]; pin: unknown }>>(
        'slipway.server.history',
      );
    expect(r.ok).toBe(true);
    const entries = r.result?.entries ?? [];
    expect(entries[0]?.event).toBe('GUARD_FAILED');
    expect(entries.find((e) => e.event === 'SYSTEM_CORRECTION_EVENT')?.to).toBe(sha1);
    expect(entries.some((e) => e.event === 'PROMOTE' && e.to === sha2)).toBe(true);
    expect(r.result?.pin).toBeTruthy();
  });
});

/**
 * The editor closes while a deploy runs: the server cancels it and logs its end before exiting.
 * The server runs in this process (`shutdown` is a request like any other); the deploy commands
 * read the stand-ins' addresses from its environment, set for the test's length.
 */
describe('shutdown during a deploy', () => {
  it('ends the deploy, logs it as interrupted and leaves the record as it was', async () => {
    const f = await new MayAssistantDeploy().start();
    const saved = { ...process.env };
    Object.assign(process.env, f.env);
    const lsp = await startInProcess(f.repo.dir, {});
    let stopped = false;
    try {
      const client = new CommandClient(lsp);
      f.hold(true);
      const running = client.run<Answer>('slipway.server.promote', { env: 'staging' }).catch((e: Error) => e);
      await waitUntil(() => f.requests().length === 1, 'the deploy script to start');
      await lsp.stop();
      stopped = true;
      await running;
      const last = f.auditLines().at(-1) as { outcome: string; details?: string[] };
      expect(last).toMatchObject({ event: 'STAGING_VERIFIED', outcome: 'failed' });
      expect(last.details?.join(' ')).toMatch(/interrupted by the editor shutting down/);
      expect(f.record()).toBeUndefined();
    } finally {
      f.hold(false);
      if (!stopped) await lsp.stop();
      for (const key of Object.keys(f.env)) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      await f.dispose();
    }
  });
});

/**
 * The editor vanishes (crashed, killed: its end of stdin closes, no `shutdown`): the server still
 * cancels the deploy and logs its end before it exits, instead of dying mid-step.
 */
describe('the editor vanishing during a deploy', () => {
  it('ends the deploy, logs it as interrupted, then exits', async () => {
    const f = await new MayAssistantDeploy().start();
    const lsp = await LspSession.start(f.repo.dir, { env: f.env });
    try {
      const client = new CommandClient(lsp);
      f.hold(true);
      void client.run<Answer>('slipway.server.promote', { env: 'staging' }).catch(() => {});
      await waitUntil(() => f.requests().length === 1, 'the deploy script to start');
      expect(f.auditLines().at(-1)).toMatchObject({ event: 'STAGING_VERIFIED', outcome: 'started' });
      await lsp.closeInput();
      const last = f.auditLines().at(-1) as { outcome: string; details?: string[] };
      expect(last).toMatchObject({ event: 'STAGING_VERIFIED', outcome: 'failed' });
      expect(last.details?.join(' ')).toMatch(/interrupted by the editor shutting down/);
      expect(f.record()).toBeUndefined();
    } finally {
      f.hold(false);
      await f.dispose();
    }
  });
});

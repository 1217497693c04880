import * as writer from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handComputedRepo } from '../../../test/deploy/helpers/metrics-repo.js';
import { TempRepo } from '../../../test/helpers/git-repo.js';
import { CommandClient } from './helpers/command-client.js';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';

interface Answer<T> {
  ok: boolean;
  result?: T;
  refused?: { message: string };
}
type Figures = { deploys: number; failures: number; changeFailureRate: number | null };
type Metrics = {
  environments: {
    environment: string;
    total: { all: Figures; human: Figures; agents: Record<string, Figures> };
  }[];
  notes: { line: number }[];
};

/**
 * `slipway.server.metrics`, what the editor's history page shows: the same figures as `slipway
 * metrics --format json` on the hand-computed repository (test/deploy/helpers/metrics-repo.ts).
 */
describe('the metrics command of the language server', () => {
  let repo: TempRepo;
  let lsp: LspSession;
  beforeAll(async () => {
    repo = handComputedRepo(writer);
    lsp = await startInProcess(repo.dir, {});
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.dispose();
  });

  it("answers with the log's figures, split by who wrote the changes", async () => {
    const r = await new CommandClient(lsp).run<Answer<Metrics>>('slipway.server.metrics');
    expect(r.ok).toBe(true);
    const [prod] = r.result?.environments ?? [];
    expect(prod?.environment).toBe('production');
    expect(prod?.total.all).toMatchObject({ deploys: 4, failures: 1, changeFailureRate: 0.25 });
    expect(prod?.total.human).toMatchObject({ deploys: 2, failures: 1 });
    expect(prod?.total.agents.claude).toMatchObject({ deploys: 1, failures: 0 });
    expect(r.result?.notes.map((n) => n.line)).toEqual([6]);
  });

  it('refuses a folder whose policy has no deploy section, saying so', async () => {
    const plain = new TempRepo({ 'slipway.yaml': 'version: 1\n' });
    const other = await startInProcess(plain.dir, {});
    try {
      const r = await new CommandClient(other).run<Answer<Metrics>>('slipway.server.metrics');
      expect(r.ok).toBe(false);
      expect(r.refused?.message).toMatch(/no deploy: section/);
    } finally {
      await other.stop();
      plain.dispose();
    }
  });
});

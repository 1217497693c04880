import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

// `extends:` in the editor: the policy is merged over its repository base as `slipway check`
// merges it, and an edit of the base (open, unsaved) applies at once, as an edit of the policy does.
const BASE = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\nmax_waiver_days: 90\n';
const POLICY = 'version: 1\nextends: policies/base.yaml\n';
const DROP = "SET lock_timeout = '5s';\nDROP TABLE t;\n";

describe('a policy that extends a base, through the server', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo({ 'slipway.yaml': POLICY, 'policies/base.yaml': BASE });
    // Not committed: the editor judges the change, and a new migration is part of it.
    repo.write({ 'db/0001.sql': DROP });
    lsp = await startInProcess(repo.dir, {});
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const codes = async (path: string) => (await lsp.pull(path)).map((d) => d.code);

  it("the base's migrations section judges the repository's files", async () => {
    await lsp.open('db/0001.sql', DROP);
    expect(await codes('db/0001.sql')).toContain('MIG001');
  });

  it('an edit of the base applies at once; a loosening in the policy is POL006 at its line', async () => {
    await lsp.open('policies/base.yaml', BASE);
    await lsp.change('policies/base.yaml', `${BASE}rules:\n  MIG001: warning\n`);
    expect((await lsp.pull('db/0001.sql')).find((d) => d.code === 'MIG001')?.severity).toBe(2);
    await lsp.open('slipway.yaml', POLICY);
    await lsp.change('slipway.yaml', `${POLICY}max_waiver_days: 365\n`);
    const pol = (await lsp.pull('slipway.yaml')).find((d) => d.code === 'POL006');
    expect(pol?.range.start.line).toBe(2);
  });
});

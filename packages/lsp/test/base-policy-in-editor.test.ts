import { afterEach, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

/**
 * The language server judges a branch as `slipway check` does: by the policy on the
 * base, compared with the production branch that policy names. Editing `production_branch` in
 * the policy buffer must not point the comparison at a branch that already holds the change.
 */
const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [ledger/core/]
`;
const LEDGER = 'ledger/core/accounts.py';

let repo: FixtureRepo | undefined;
let lsp: ServiceSession | undefined;
afterEach(async () => {
  await lsp?.stop();
  repo?.remove();
  lsp = undefined;
  repo = undefined;
});

/** main: the policy and the ledger; feature/ledger edits the ledger; `decoy` points at that edit. */
function ledgerBranch(): FixtureRepo {
  const r = new FixtureRepo({ 'slipway.yaml': POLICY, [LEDGER]: 'balance = 0\n' });
  r.git('checkout', '-q', '-b', 'feature/ledger');
  r.write({ [LEDGER]: 'balance = 1\n' });
  r.git('commit', '-qam', 'edit the ledger');
  r.git('branch', 'decoy');
  return r;
}

const path001 = async (session: ServiceSession) =>
  (await session.pull(LEDGER)).filter((d) => d.code === 'PATH001').map((d) => d.range.start.line);

describe('the editor on a branch: the base policy decides, its production branch too', () => {
  it('production_branch edited to a branch holding the change: still compared with main', async () => {
    repo = ledgerBranch();
    lsp = await ServiceSession.start(repo.dir);
    await lsp.open(LEDGER, 'balance = 1\n', 'python');
    expect(await path001(lsp)).toEqual([0]);
    await lsp.open('slipway.yaml', POLICY, 'yaml');
    await lsp.change('slipway.yaml', POLICY.replace('production_branch: main', 'production_branch: decoy'));
    expect(await path001(lsp)).toEqual([0]);
    // Naming its own branch in the buffer does not make the branch the production branch either.
    await lsp.change(
      'slipway.yaml',
      POLICY.replace('production_branch: main', 'production_branch: feature/ledger'),
    );
    expect(await path001(lsp)).toEqual([0]);
    expect(lsp.logs.some((l) => l.includes('change set: feature/ledger vs main'))).toBe(true);
  });

  it('near miss: on main itself the policy being edited applies as typed', async () => {
    repo = new FixtureRepo({ 'slipway.yaml': POLICY, [LEDGER]: 'balance = 0\n' });
    lsp = await ServiceSession.start(repo.dir);
    await lsp.open(LEDGER, 'balance = 2\n', 'python');
    expect(await path001(lsp)).toEqual([0]);
    await lsp.open('slipway.yaml', POLICY, 'yaml');
    await lsp.change('slipway.yaml', POLICY.replace('paths: [ledger/core/]', 'paths: [billing/]'));
    expect(await path001(lsp)).toEqual([]);
  });
});

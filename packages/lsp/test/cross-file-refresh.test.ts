import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

const POLICY = `version: 1
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
  mode: mirror
`;
const REQS = 'requirements.txt';

// An edit in one file that changes another file's findings (here: extras in requirements.txt
// that the lock's entry lacks make the lock report DEP011) asks a pulling client to pull
// again; edits that change only the edited file do not.
describe('an edit that changes the findings of other files', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'requirements.txt': 'flask==3.0.0\n',
      'requirements.lock': 'flask==3.0.0\n',
    });
    lsp = await ServiceSession.start(repo.dir);
    await lsp.open(REQS, 'flask==3.0.0\n');
    expect(await lsp.pull(REQS)).toEqual([]);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  /** Whether the service asked for a refresh once it had compared the other files after `edit`. */
  const refreshedAfter = async (edit: () => Promise<void>) => {
    const before = lsp.refreshes.length;
    const compared = lsp.comparisons.length;
    await edit();
    await lsp.pull(REQS);
    await lsp.waitFor(() => lsp.comparisons.length > compared);
    return lsp.refreshes.length > before;
  };

  it('asks for a refresh when the edit makes the lock disagree', async () => {
    expect(await refreshedAfter(() => lsp.change(REQS, 'flask[async]==3.0.0\n'))).toBe(true);
    const report = await lsp.pullWorkspace();
    expect(report.items.map((i) => i.uri)).toContain(lsp.uri('requirements.lock'));
  });

  it('does not when only the edited file changes', async () => {
    expect(await refreshedAfter(() => lsp.change(REQS, '# web\nflask[async]==3.0.0\n'))).toBe(false);
  });

  it('asks when only the other file’s message changes (the lock now names other extras)', async () => {
    expect(await refreshedAfter(() => lsp.change(REQS, '# web\nflask[dotenv]==3.0.0\n'))).toBe(true);
    const lock = await lsp.pull('requirements.lock');
    expect(lock.map((d) => d.message)).toEqual([expect.stringContaining('extras [dotenv]')]);
  });

  it('asks again when the edit makes them agree', async () => {
    expect(await refreshedAfter(() => lsp.change(REQS, 'flask==3.0.0\n'))).toBe(true);
    expect(await lsp.pull('requirements.lock')).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

const POLICY = `version: 1
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
  mode: mirror
migrations:
  alembic: alembic/versions
`;

const migration = (revision: string, down: string) => `revision = "${revision}"
down_revision = ${down === 'None' ? 'None' : `"${down}"`}


def upgrade():
    pass


def downgrade():
    pass
`;

const B2 = 'alembic/versions/b2_second.py';
const C3 = 'alembic/versions/c3_third.py';
const codes = (d: { code?: unknown }[]) => d.map((x) => x.code);

// The server in this process: it says when its push passes are done, so that "not published"
// is known, not guessed after a wait. push-diagnostics.test.ts pushes over stdio.
// A push-only client learns of a change only by being sent it: an edit must publish every file
// whose findings changed (the edited one, the lock a requirements edit puts out of step, both
// heads once a second one appears) and no file whose findings are as they were.
describe('push diagnostics after an edit: exactly the files whose findings changed', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'requirements.txt': 'flask==3.0.0\n',
      'requirements.lock': 'flask==3.0.0\n',
      'alembic/versions/a1_base.py': migration('a1', 'None'),
      [B2]: migration('b2', 'a1'),
      [C3]: migration('c3', 'b2'),
    });
    lsp = await startInProcess(repo.dir, {}, { pullDiagnostics: false });
    const since = lsp.published.length;
    await lsp.open(B2, migration('b2', 'a1'), 'python');
    await lsp.open('requirements.txt', 'flask==3.0.0\n');
    expect((await lsp.nextPublished(B2, since)).diagnostics).toEqual([]);
    expect((await lsp.nextPublished('requirements.txt', since)).diagnostics).toEqual([]);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  /** Publications for `path` from `since` on, once the server has sent all it had to. */
  const publishedAfterQuiet = async (path: string, since: number) => {
    await lsp.pushesDone();
    return lsp.published.slice(since).filter((p) => p.uri === lsp.uri(path));
  };

  it('a requirements edit publishes the requirements file and the lock it puts out of step, not the migrations', async () => {
    const since = lsp.published.length;
    // flask gives way to django: django is missing from the lock (DEP003, in the requirements) and
    // the lock's flask is required by nothing (DEP005, in the lock).
    await lsp.change('requirements.txt', 'django==5.0.0\n');
    expect(codes((await lsp.nextPublished('requirements.txt', since)).diagnostics)).toContain('DEP003');
    expect(codes((await lsp.nextPublished('requirements.lock', since)).diagnostics)).toEqual(['DEP005']);
    expect(await publishedAfterQuiet(B2, since)).toEqual([]);
  });

  it('an edit that leaves the lock’s findings as they were does not publish the lock again', async () => {
    const since = lsp.published.length;
    await lsp.change('requirements.txt', 'django==5.0.0\n# the web framework\n');
    await lsp.nextPublished('requirements.txt', since);
    expect(await publishedAfterQuiet('requirements.lock', since)).toEqual([]);
    expect(await publishedAfterQuiet(B2, since)).toEqual([]);
  });

  it('a second head marks both heads: the edited file and the other head', async () => {
    let since = lsp.published.length;
    await lsp.open(C3, migration('c3', 'b2'), 'python');
    await lsp.nextPublished(C3, since);
    since = lsp.published.length;
    // c3 now revises a1, as b2 does: two heads.
    await lsp.change(C3, migration('c3', 'a1'));
    const mig100 = (d: { code?: unknown }[]) => codes(d).includes('MIG100');
    await lsp.nextPublished(C3, since, mig100);
    await lsp.nextPublished(B2, since, mig100);
    expect(await publishedAfterQuiet('requirements.lock', since)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcess } from './helpers/in-process-server.js';
import { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

const POLICY = 'version: 1\nmigrations:\n  alembic: alembic/versions\n';

const migration = (revision: string, down: string, upgrade: string, downgrade: string) => `"""${revision}

Revision ID: ${revision}
Revises: ${down}
"""
import sqlalchemy as sa
from alembic import op

revision = "${revision}"
down_revision = ${down === 'None' ? 'None' : `"${down}"`}
branch_labels = None
depends_on = None


def upgrade() -> None:
${upgrade}


def downgrade() -> None:
${downgrade}
`;

const BASE = migration(
  'a1a1a1a1a1a1',
  'None',
  '    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))',
  '    op.drop_table("users")',
);
const RECREATE = '    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))';
const DROP_PATH = 'alembic/versions/b2b2b2b2b2b2_drop_users.py';
const DROP = migration('b2b2b2b2b2b2', 'a1a1a1a1a1a1', '    op.drop_table("users")', RECREATE);
const NO_DROP = migration(
  'b2b2b2b2b2b2',
  'a1a1a1a1a1a1',
  '    op.add_column("users", sa.Column("name", sa.String(64), nullable=True))',
  '    op.drop_column("users", "name")',
);
// `    op.drop_table("users")` is line 15 of DROP; the finding covers the call.
const DROP_LINE = 15;

/**
 * Alembic's env.py, setting lock_timeout for every migration as a careful team does: without it the
 * lock rule (MIG037) reports the first DDL of each migration too, and these tests follow MIG001 alone.
 */
const ENV =
  'from sqlalchemy import text\n\n\ndef run(connection):\n    connection.execute(text("SET lock_timeout = \'5s\'"))\n';

/** main holds the base migration; feature/drop adds one that drops a table (MIG001). */
function featureRepo(): FixtureRepo {
  const repo = new FixtureRepo({
    'slipway.yaml': POLICY,
    'alembic/env.py': ENV,
    'alembic/versions/a1a1a1a1a1a1_base.py': BASE,
  });
  repo.git('checkout', '-q', '-b', 'feature/drop');
  repo.write({ [DROP_PATH]: DROP });
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'drop users');
  return repo;
}

const mig001 = (d: { code?: unknown }[]) => d.some((x) => x.code === 'MIG001');

describe('push diagnostics for a client without pull support', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = featureRepo();
    lsp = await LspSession.start(repo.dir, { pullDiagnostics: false });
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('publishes MIG001 in a file nobody opened, since a push-only client cannot ask for it', async () => {
    const pushed = await lsp.nextPublished(DROP_PATH, 0, mig001);
    expect(pushed.version).toBeUndefined();
  });

  it('publishes MIG001 at the drop after didOpen', async () => {
    const since = lsp.published.length;
    await lsp.open(DROP_PATH, DROP, 'python');
    const pushed = await lsp.nextPublished(DROP_PATH, since);
    expect(pushed.version).toBe(1);
    expect(pushed.diagnostics.filter((d) => d.code === 'MIG001')).toEqual([
      expect.objectContaining({
        severity: 1,
        source: 'slipway',
        range: { start: { line: DROP_LINE, character: 4 }, end: { line: DROP_LINE, character: 26 } },
      }),
    ]);
  });

  it('publishes an empty list once a didChange removes the drop', async () => {
    const since = lsp.published.length;
    await lsp.change(DROP_PATH, NO_DROP);
    const pushed = await lsp.nextPublished(DROP_PATH, since);
    expect(pushed).toMatchObject({ version: 2, diagnostics: [] });
  });

  it('publishes again when the drop comes back, and clears on didClose', async () => {
    let since = lsp.published.length;
    await lsp.change(DROP_PATH, DROP);
    expect(mig001((await lsp.nextPublished(DROP_PATH, since)).diagnostics)).toBe(true);
    since = lsp.published.length;
    await lsp.close(DROP_PATH);
    expect((await lsp.nextPublished(DROP_PATH, since)).diagnostics).toEqual([]);
  });

  it('re-publishes an open document when another file changes its findings (its parent migration)', async () => {
    // On a branch the policy on the base governs (as in CI), so a policy edit no longer lifts a
    // finding; the parent migration's revision id still decides MIG101 in the open file.
    const BASE_PATH = 'alembic/versions/a1a1a1a1a1a1_base.py';
    const mig101 = (d: { code?: unknown }[]) => d.some((x) => x.code === 'MIG101');
    let since = lsp.published.length;
    await lsp.open(DROP_PATH, DROP, 'python');
    expect(mig001((await lsp.nextPublished(DROP_PATH, since, mig001)).diagnostics)).toBe(true);
    since = lsp.published.length;
    await lsp.open(BASE_PATH, BASE, 'python');
    await lsp.change(BASE_PATH, BASE.replaceAll('a1a1a1a1a1a1', 'c3c3c3c3c3c3'));
    expect(mig101((await lsp.nextPublished(DROP_PATH, since, mig101)).diagnostics)).toBe(true);
    since = lsp.published.length;
    await lsp.change(BASE_PATH, BASE);
    const back = await lsp.nextPublished(DROP_PATH, since, (d) => !mig101(d) && mig001(d));
    expect([mig101(back.diagnostics), mig001(back.diagnostics)]).toEqual([false, true]);
    await lsp.close(BASE_PATH);
  });
});

describe('a client with pull support', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;
  /** The same edits from a push-only client, to know when a push would have been sent. */
  let pusher: LspSession;

  beforeAll(async () => {
    repo = featureRepo();
    // In this process: each server says when its pushes are done, so "never sent" is known.
    lsp = await startInProcess(repo.dir, {});
    pusher = await startInProcess(repo.dir, {}, { pullDiagnostics: false });
  });
  afterAll(async () => {
    await lsp?.stop();
    await pusher?.stop();
    repo?.remove();
  });

  it('pulls MIG001 and is never sent publishDiagnostics, where a push-only client is', async () => {
    for (const c of [lsp, pusher]) await c.open(DROP_PATH, DROP, 'python');
    expect((await lsp.pull(DROP_PATH)).map((d) => [d.code, d.range.start.line])).toContainEqual([
      'MIG001',
      DROP_LINE,
    ]);
    await pusher.nextPublished(DROP_PATH, 0, mig001);
    for (const c of [lsp, pusher]) await c.change(DROP_PATH, NO_DROP);
    expect((await lsp.pull(DROP_PATH)).map((d) => d.code)).not.toContain('MIG001');
    await pusher.nextPublished(DROP_PATH, 0, (d) => d.length === 0);
    const since = pusher.published.length;
    for (const c of [lsp, pusher]) await c.close(DROP_PATH);
    await pusher.nextPublished(DROP_PATH, since, (d) => d.length === 0);
    // A push to the pulling client, had one been due, has arrived by now.
    await lsp.pushesDone();
    expect(lsp.published).toEqual([]);
  });

  it("on a branch, editing the policy lifts no finding: the base's policy governs, POL004 says what the edit would do", async () => {
    await lsp.open(DROP_PATH, DROP, 'python');
    await lsp.open('slipway.yaml', POLICY, 'yaml');
    await lsp.change('slipway.yaml', `${POLICY}rules: { MIG001: off }\n`);
    expect((await lsp.pull('slipway.yaml')).map((d) => [d.code, d.message])).toEqual([
      ['PATH004', expect.stringContaining('`slipway.yaml` is the policy file, part of the policy surface')],
      ['POL004', expect.stringContaining('set MIG001 to `off`')],
    ]);
    expect(mig001(await lsp.pull(DROP_PATH))).toBe(true);
    await lsp.change('slipway.yaml', POLICY);
    expect(await lsp.pull('slipway.yaml')).toEqual([]);
    await lsp.close('slipway.yaml');
    await lsp.close(DROP_PATH);
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_COMMANDS, type CommandResponse, type TraceResult } from '../src/protocol/index.js';
import { CommandClient } from './helpers/command-client.js';
import { startInProcess } from './helpers/in-process-server.js';
import type { LspSession } from './helpers/lsp-session.js';
import type { FixtureRepo } from './helpers/repo-fixture.js';
import { emptyTraceDbs } from '../../../test/helpers/empty-trace-dbs.js';
import { B2, BASE_SQL, CHANGE_SQL, fixture, hoverText, trace } from './helpers/trace-fixture.js';

/**
 * The hovers of `slipway trace`: a real repository with SQL and Alembic migrations, traced on
 * the embedded PostgreSQL, then hovers on the statements over the real protocol.
 *
 * The server runs in this process (startInProcess), on the CLI's PGlite started once for the
 * file and emptied after each trace (emptyTraceDbs): a PGlite started per trace, in a process
 * per server, was most of this file's time. `slipway lsp` itself and the bundled server trace
 * over stdio in trace-over-stdio.test.ts.
 */

let dbs: Awaited<ReturnType<typeof emptyTraceDbs>> | undefined;
const inProcessWithPglite = async (dir: string) => {
  dbs ??= await emptyTraceDbs();
  const { openTraceDb } = dbs;
  return startInProcess(dir, { openTraceDb });
};
afterAll(async () => {
  await dbs?.close();
  dbs = undefined;
});

describe('trace hovers from a server that carries PGlite', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;
  let answer: CommandResponse<TraceResult>;

  beforeAll(async () => {
    repo = fixture();
    lsp = await inProcessWithPglite(repo.dir);
    answer = await trace(lsp);
    await lsp.open('db/002_change.sql', CHANGE_SQL);
    await lsp.open('alembic/versions/b2_fk.py', B2, 'python');
  }, 120_000);
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('traces the change under review and keeps the result in the git directory, not the work tree', () => {
    if (!answer.ok) throw new Error(JSON.stringify(answer.refused));
    expect(answer.result.summary).toBe('4 statements traced, 0 failed, 0 not traced');
    expect(answer.result.savedTo).toBe(join(repo.dir, '.git', 'slipway', 'trace.json'));
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(readdirSync(join(repo.dir, '.git', 'slipway'))).toEqual(['trace.json']);
  });

  it('shows the lock a SQL statement took, its rewrite and the static finding it confirms', async () => {
    const text = await hoverText(lsp, 'db/002_change.sql', 0);
    // First, above the docs of the rules whose claims it judges.
    expect(text.startsWith('**Slipway trace**, ran ')).toBe(true);
    expect(text).toContain('`AccessExclusiveLock` on "users"');
    expect(text).toContain('**Rewrites:** "users"');
    expect(text).toMatch(/\*\*MIG\d+\*\* confirmed: rewrote users/);
    expect(await hoverText(lsp, 'db/002_change.sql', 1)).toContain('`ShareLock` on "orders"');
  });

  it('marks the lock of a statement that runs outside a transaction as documented, not observed', async () => {
    const text = await hoverText(lsp, 'db/002_change.sql', 2);
    expect(text).toContain('not observed: it runs outside a transaction block');
    expect(text).toContain('ShareUpdateExclusiveLock on "users" (documented, not observed)');
    expect(text).not.toContain('`ShareUpdateExclusiveLock`');
  });

  it('shows the locks of a traced Alembic op.* call on its line', async () => {
    const text = await hoverText(lsp, 'alembic/versions/b2_fk.py', 9, 8);
    expect(text).toContain('`ShareRowExclusiveLock` on "accounts"');
    expect(text).toContain('`ShareRowExclusiveLock` on "invoices"');
  });

  it('no longer claims the trace for an edited statement; a statement only moved keeps it', async () => {
    const edited = CHANGE_SQL.replace('gen_random_uuid()', 'NULL');
    await lsp.change('db/002_change.sql', edited);
    expect(await hoverText(lsp, 'db/002_change.sql', 0)).not.toContain('Slipway trace');
    // The untouched index below still matches what was traced.
    expect(await hoverText(lsp, 'db/002_change.sql', 1)).toContain('`ShareLock` on "orders"');
    await lsp.change('db/002_change.sql', `-- a comment above\n${CHANGE_SQL}`);
    expect(await hoverText(lsp, 'db/002_change.sql', 1)).toContain('`AccessExclusiveLock` on "users"');
    await lsp.change(
      'alembic/versions/b2_fk.py',
      B2.replace('"accounts", ["account_id"]', '"users", ["account_id"]'),
    );
    expect(await hoverText(lsp, 'alembic/versions/b2_fk.py', 9, 8)).not.toContain('Slipway trace');
  });

  it('gives a statement that was not traced no trace hover', async () => {
    // The earlier migration only built the schema: none of its statements were measured.
    await lsp.open('db/001_base.sql', BASE_SQL);
    expect(await hoverText(lsp, 'db/001_base.sql', 0)).not.toContain('Slipway trace');
    // Nor does a statement written after the trace.
    await lsp.change('db/002_change.sql', `${CHANGE_SQL}ALTER TABLE orders ADD COLUMN note text;\n`);
    expect(await hoverText(lsp, 'db/002_change.sql', 3)).not.toContain('Slipway trace');
  });

  it('traces the file it is given, refuses one that is not a migration, and takes the active file when it is one', async () => {
    const one = await trace(lsp, { files: [lsp.uri('alembic/versions/b2_fk.py')] });
    if (!one.ok) throw new Error(JSON.stringify(one.refused));
    expect(one.result.report.statements.map((s) => s.file)).toEqual(['alembic/versions/b2_fk.py']);
    const bad = await trace(lsp, { files: [lsp.uri('slipway.yaml')] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.refused.message).toContain("slipway.yaml is not a migration the policy's");
    // The active file of a palette command: traced when it is a migration, else the change is.
    const active = await trace(lsp, { activeFile: lsp.uri('db/002_change.sql') });
    if (!active.ok) throw new Error(JSON.stringify(active.refused));
    expect(new Set(active.result.report.statements.map((s) => s.file))).toEqual(
      new Set(['db/002_change.sql']),
    );
    const other = await trace(lsp, { activeFile: lsp.uri('slipway.yaml') });
    if (!other.ok) throw new Error(JSON.stringify(other.refused));
    expect(new Set(other.result.report.statements.map((s) => s.file))).toEqual(
      new Set(['db/002_change.sql', 'alembic/versions/b2_fk.py']),
    );
  }, 120_000);
});

describe('a trace cancelled in the editor', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = fixture();
    const many = Array.from(
      { length: 4000 },
      (_, i) => `ALTER TABLE users ALTER COLUMN email SET DEFAULT 'x${i}';`,
    );
    repo.write({ 'db/003_many.sql': `${many.join('\n')}\n` });
    lsp = await inProcessWithPglite(repo.dir);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('stops after the statement running (window/workDoneProgress/cancel) and keeps what ran for the hovers', async () => {
    const client = new CommandClient(lsp);
    const running = client.run<CommandResponse<TraceResult>>(SERVER_COMMANDS.trace, {
      files: [lsp.uri('db/003_many.sql')],
    });
    while (!client.messages().includes('Slipway trace: tracing 4000 statements'))
      await new Promise((resolve) => setTimeout(resolve, 20));
    await lsp.connection.sendNotification('window/workDoneProgress/cancel', { token: client.created.at(-1) });
    const answer = await running;
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.refused.code).toBe('cancelled');
    const ran = answer.result?.report.statements.length ?? -1;
    expect(ran).toBeGreaterThanOrEqual(0);
    expect(ran).toBeLessThan(4000);
    expect(answer.refused.message).toBe(
      `cancelled after ${ran} statement${ran === 1 ? '' : 's'}: the rest did not run`,
    );
    expect(answer.result?.savedTo).toBe(join(repo.dir, '.git', 'slipway', 'trace.json'));
  }, 120_000);
});

describe('trace in Restricted Mode', () => {
  it('is refused, PGlite at hand or not: it runs git and the migrations of a workspace not trusted', async () => {
    const repo = fixture();
    dbs ??= await emptyTraceDbs();
    const lsp = await startInProcess(
      repo.dir,
      { openTraceDb: dbs.openTraceDb },
      { initializationOptions: { workspaceTrusted: false } },
    );
    try {
      const answer = await trace(lsp);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.refused.code).toBe('untrusted');
      expect(existsSync(join(repo.dir, '.git', 'slipway'))).toBe(false);
    } finally {
      await lsp.stop();
      repo.remove();
    }
  });
});

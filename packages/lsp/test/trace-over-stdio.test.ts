import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';
import { CHANGE_SQL, fixture, hoverText, trace } from './helpers/trace-fixture.js';

/**
 * `slipway trace` and its hovers with the real processes over stdio: the server `slipway lsp`
 * runs (it carries PGlite, the CLI's optional dependency), the editor's bundled server (which
 * does not, and shows a trace another process saved), and `slipway lsp`
 * installed without PGlite. The trace command's cases run in-process in trace-hover.test.ts.
 */

describe('a trace over stdio, and its hovers in both servers', () => {
  // One repository, both servers at once: `slipway lsp` traces on its own PGlite; the editor's
  // bundled server cannot, and shows the trace that another process (here `slipway lsp`, in a
  // terminal `slipway trace`: one writer) saved, at its next hover, until the file is gone.
  let repo: FixtureRepo;
  let cli: LspSession;
  let bundled: LspSession;

  beforeAll(async () => {
    repo = fixture();
    [cli, bundled] = await Promise.all([
      LspSession.start(repo.dir, { command: [process.execPath, CLI, 'lsp', '--stdio'] }),
      LspSession.start(repo.dir),
    ]);
  });
  afterAll(async () => {
    await Promise.all([cli?.stop(), bundled?.stop()]);
    repo?.remove();
  });

  it('the bundled server refuses to trace, saying what to run instead, and never starts a CLI itself', async () => {
    const answer = await trace(bundled);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.refused.code).toBe('no-embedded-postgres');
    expect(answer.refused.hint).toContain('slipway trace');
    expect(existsSync(join(repo.dir, '.git', 'slipway'))).toBe(false);
  });

  it('`slipway lsp` traces the change under review on its own PGlite and shows the result at the hover', async () => {
    await bundled.open('db/002_change.sql', CHANGE_SQL);
    expect(await hoverText(bundled, 'db/002_change.sql', 0)).not.toContain('Slipway trace');
    const answer = await trace(cli);
    if (!answer.ok) throw new Error(JSON.stringify(answer.refused));
    expect(answer.result.summary).toBe('4 statements traced, 0 failed, 0 not traced');
    expect(answer.result.savedTo).toBe(join(repo.dir, '.git', 'slipway', 'trace.json'));
    await cli.open('db/002_change.sql', CHANGE_SQL);
    expect(await hoverText(cli, 'db/002_change.sql', 0)).toContain('`AccessExclusiveLock` on "users"');
  }, 120_000);

  it('the bundled server shows the trace another process saved at its next hover, and drops it when it is gone', async () => {
    expect(await hoverText(bundled, 'db/002_change.sql', 0)).toContain('`AccessExclusiveLock` on "users"');
    rmSync(join(repo.dir, '.git', 'slipway', 'trace.json'));
    expect(await hoverText(bundled, 'db/002_change.sql', 0)).not.toContain('Slipway trace');
  });
});

describe('trace from `slipway lsp` installed without its optional PGlite', () => {
  // The CLI's bundle copied beside a node_modules that holds its required dependencies but not
  // @electric-sql/pglite: what `npm install --omit=optional` leaves.
  let install: string;
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    install = mkdtempSync(join(tmpdir(), 'slipway-no-pglite-'));
    // Source maps left out: only what runs is needed, and they are most of the bytes.
    cpSync(dirname(CLI), join(install, 'dist'), {
      recursive: true,
      filter: (from) => !from.endsWith('.map'),
    });
    const cliModules = join(dirname(CLI), '..', 'node_modules');
    mkdirSync(join(install, 'node_modules'));
    for (const dep of ['libpg-query', 'pg'])
      symlinkSync(realpathSync(join(cliModules, dep)), join(install, 'node_modules', dep));
    repo = fixture();
    lsp = await LspSession.start(repo.dir, {
      command: [process.execPath, join(install, 'dist', basename(CLI)), 'lsp', '--stdio'],
    });
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
    rmSync(install, { recursive: true, force: true });
  });

  it('refuses with the one line that says what to install, and logs no stack trace', async () => {
    const answer = await trace(lsp);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.refused.code).toBe('no-embedded-postgres');
    expect(answer.refused.message).toContain('npm install -g @electric-sql/pglite');
    expect(lsp.logs.filter((l) => /\n\s+at /.test(l))).toEqual([]);
    expect(existsSync(join(repo.dir, '.git', 'slipway'))).toBe(false);
  });
});

describe('`slipway lsp` traces a Knex migration with the SQL Knex renders', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;
  const USERS = `exports.up = async (knex) => {\n  await knex.schema.createTable('users', (t) => {\n    t.increments('id');\n    t.string('email');\n  });\n};\nexports.down = async () => {};\n`;
  const DROP = `exports.up = async (knex) => {\n  await knex.schema.alterTable('users', (t) => {\n    t.dropColumn('email');\n  });\n};\nexports.down = async () => {};\n`;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': 'version: 1\nmigrations:\n  knex: db/migrations\n',
      'db/migrations/20240101_users.js': USERS,
    });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({ 'db/migrations/20240202_drop.js': DROP });
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'drop the email');
    lsp = await LspSession.start(repo.dir, { command: [process.execPath, CLI, 'lsp', '--stdio'] });
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('the table Knex makes is built first, and the drop is traced at its line, shown at the hover until it is edited', async () => {
    const answer = await trace(lsp);
    if (!answer.ok) throw new Error(JSON.stringify(answer.refused));
    expect(answer.result.summary).toBe('1 statement traced, 0 failed, 0 not traced');
    const saved = JSON.parse(readFileSync(join(repo.dir, '.git', 'slipway', 'trace.json'), 'utf8')) as {
      statements: { file: string; line: number; sql: string }[];
    };
    expect(saved.statements.map((s) => [s.file, s.line, s.sql])).toEqual([
      ['db/migrations/20240202_drop.js', 3, 'alter table "users" drop column "email"'],
    ]);
    // The hover re-renders the call with Knex, as the trace did, to find it in the trace.
    await lsp.open('db/migrations/20240202_drop.js', DROP, 'javascript');
    const hover = await hoverText(lsp, 'db/migrations/20240202_drop.js', 2, 6);
    expect(hover).toContain('**Slipway trace**');
    expect(hover).toContain('`AccessExclusiveLock` on "users"');
    // Edited, the statement is no longer the one traced: nothing stale is shown.
    await lsp.change('db/migrations/20240202_drop.js', DROP.replace("'email'", "'name'"));
    expect(await hoverText(lsp, 'db/migrations/20240202_drop.js', 2, 6)).not.toContain('Slipway trace');
  }, 120_000);
});

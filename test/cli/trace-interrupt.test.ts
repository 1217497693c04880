import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliInPty } from '../deploy/helpers/pty-cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * Ctrl-C in the middle of `slipway trace`, pressed at a real terminal (a pty): the trace stops
 * after the statement running, reports what ran, exits 130, and leaves no temp file anywhere:
 * not in the work tree, not beside the trace it keeps in the git directory, not in the temp dir.
 */
const STATEMENTS = 4000;
/** The temp dir the trace is given, and the folder its report is written to, beside the repository. */
let base: string;
let repo: TempRepo;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'slipway-trace-int-'));
  mkdirSync(join(base, 'tmp'));
  mkdirSync(join(base, 'out'));
  repo = new TempRepo({
    'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n',
    'db/001_base.sql': 'CREATE TABLE events (id bigint);\n',
  });
  root = repo.dir;
  repo.commit('base');
  // Long enough that no machine finishes it before the key is pressed.
  const many = Array.from(
    { length: STATEMENTS },
    (_, i) => `ALTER TABLE events ALTER COLUMN id SET DEFAULT ${i};`,
  );
  repo.write({ 'db/002_many.sql': `${many.join('\n')}\n` });
  repo.commit('many');
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  repo.dispose();
});

describe('slipway trace interrupted with Ctrl-C', () => {
  it('stops after the running statement, reports it, exits 130 and leaves no temp file behind', async () => {
    const report = join(base, 'out', 'trace.json');
    const run = startCliInPty(['trace', 'db/002_many.sql', '--format', 'json', '--output', report], {
      cwd: root,
      env: { TMPDIR: join(base, 'tmp') },
    });
    await run.waitFor('slipway trace: tracing 4000 statements (Ctrl-C stops after the one running)');
    run.press('\x03');
    const done = await run.done;
    expect(done.code, run.screen()).toBe(130);
    expect(run.screen()).toContain(
      'slipway trace: interrupted; the report covers the statements run before Ctrl-C',
    );
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.statements.length).toBeLessThan(STATEMENTS);
    expect(json.statements.filter((s: { status: string }) => s.status !== 'ok')).toEqual([]);
    // The trace the editor reads is the same partial report, and nothing else is in its folder.
    const keptDir = join(root, '.git', 'slipway');
    expect(readdirSync(keptDir)).toEqual(['trace.json']);
    expect(JSON.parse(readFileSync(join(keptDir, 'trace.json'), 'utf8')).statements).toEqual(json.statements);
    expect(readdirSync(join(base, 'out'))).toEqual(['trace.json']);
    expect(readdirSync(join(base, 'tmp'))).toEqual([]);
    expect(repo.git('status', '--porcelain', '--ignored')).toBe('');
  }, 120_000);
});

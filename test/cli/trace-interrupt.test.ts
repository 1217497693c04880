import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliInPty } from '../deploy/helpers/pty-cli.js';

/**
 * Ctrl-C in the middle of `slipway trace`, pressed at a real terminal (a pty): the trace stops
 * after the statement running, reports what ran, exits 130, and leaves no temp file anywhere:
 * not in the work tree, not beside the trace it keeps in the git directory, not in the temp dir.
 */
const STATEMENTS = 4000;
let base: string;
let root: string;

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root });
}

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'slipway-trace-int-'));
  root = join(base, 'repo');
  mkdirSync(root);
  mkdirSync(join(base, 'tmp'));
  mkdirSync(join(base, 'out'));
  git('init', '-q', '-b', 'main');
  write({
    'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n',
    'db/001_base.sql': 'CREATE TABLE events (id bigint);\n',
  });
  git('add', '-A');
  git('commit', '-qm', 'base');
  // Long enough that no machine finishes it before the key is pressed.
  const many = Array.from(
    { length: STATEMENTS },
    (_, i) => `ALTER TABLE events ALTER COLUMN id SET DEFAULT ${i};`,
  );
  write({ 'db/002_many.sql': `${many.join('\n')}\n` });
  git('add', '-A');
  git('commit', '-qm', 'many');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

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
    expect(execFileSync('git', ['status', '--porcelain', '--ignored'], { cwd: root, encoding: 'utf8' })).toBe(
      '',
    );
  }, 120_000);
});

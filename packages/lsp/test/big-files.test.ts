import { FileChangeType } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspSession } from './helpers/lsp-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

const POLICY = `version: 1
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
  mode: mirror
migrations:
  sql: ["db/*.sql"]
`;
const LOCK_LINE = `flask==3.0.0 --hash=sha256:${'a'.repeat(64)}\n`;
/** A 20 MB text of `line`s: a generated lock, a dumped migration. */
const twentyMegabytes = (line: string) => line.repeat(Math.ceil((20 * 1024 * 1024) / line.length));

// A 20 MB file is refused before it is read or parsed: one "too large" finding on its first
// line, and the server keeps answering everything else.
describe('files past the size limit over stdio', () => {
  let repo: FixtureRepo;
  let lsp: LspSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'requirements.txt': 'flask==3.0.0\n',
      'requirements.lock': 'flask==3.0.0\n',
      'db/0001.sql': 'CREATE TABLE t (id int);\n',
    });
    lsp = await LspSession.start(repo.dir);
    await lsp.open('slipway.yaml', POLICY);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const complete = (path: string, line: number, character: number) =>
    lsp.request('textDocument/completion', {
      textDocument: { uri: lsp.uri(path) },
      position: { line, character },
    });

  it('an open 20 MB lock: requests are answered, and the lock has one finding saying the limit', async () => {
    await lsp.open('requirements.lock', twentyMegabytes(LOCK_LINE));
    // Both are answered (an array, a hover or null), not left waiting behind the big buffer.
    expect(Array.isArray(await complete('slipway.yaml', 2, 2))).toBe(true);
    expect(await lsp.hover('requirements.lock', 0, 0)).toBeNull();
    const lock = await lsp.pull('requirements.lock');
    expect(lock.map((d) => [d.code, d.range.start.line])).toEqual([['file-too-large', 0]]);
    expect(lock[0]?.message).toMatch(/^requirements\.lock is 20 MB, more than the 16 MB .*; split it/);
    // It is no rule: no "Suppress file-too-large" comment is offered (it would allow nothing).
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    expect(await lsp.codeActions('requirements.lock', range, lock)).toEqual([]);
    // The dependency rules say why they have no lock, not that it is missing.
    const policy = await lsp.pull('slipway.yaml');
    expect(policy.map((d) => d.message).join('\n')).toContain('requirements.lock is 20 MB');
    await lsp.close('requirements.lock');
  });

  it('a 20 MB migration created on disk: one finding at line 1 with the migration limit', async () => {
    repo.write({ 'db/0002.sql': twentyMegabytes('SELECT 1;\n') });
    await lsp.watched([{ path: 'db/0002.sql', type: FileChangeType.Created }]);
    expect(await lsp.hover('slipway.yaml', 0, 0)).toBeDefined();
    const report = await lsp.pullWorkspace();
    const sql = report.items.find((i) => i.uri === lsp.uri('db/0002.sql'));
    const items = sql && 'items' in sql ? sql.items : [];
    // The migration rules report the refusal themselves (MIG030, quoting it): still one finding.
    expect(items.map((d) => d.range.start.line)).toEqual([0]);
    expect(items[0]?.message).toContain('db/0002.sql is 20 MB, more than the 16 MB');
  });
});

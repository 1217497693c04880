import { FileChangeType } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

// No `alembic:` folder here: this repository has none, and naming one would be a POL002 warning.
// The lock_timeout rule (MIG037) would report each DROP as well; these tests follow MIG001 alone.
const POLICY = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\nrules:\n  MIG037: off\n';
const DROP = 'DROP TABLE users;\n';

/**
 * In the editor the change under review is the branch's commits plus uncommitted files plus
 * unsaved buffers: what CI will see once it is all pushed. Rules that look only at changed
 * files (MIG001 on SQL here) must see edits before they are committed.
 */
describe('the change under review in the editor', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'db/000.sql': DROP,
      'db/001.sql': 'CREATE TABLE a (id int);\n',
    });
    lsp = await ServiceSession.start(repo.dir);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const codes = async (path: string) => (await lsp.pull(path)).map((d) => [d.code, d.range.start.line]);

  it('leaves committed, untouched files alone', async () => {
    await lsp.open('db/000.sql', DROP, 'sql');
    expect(await codes('db/000.sql')).toEqual([]);
  });

  it('checks an unsaved edit', async () => {
    await lsp.open('db/001.sql', `CREATE TABLE a (id int);\n${DROP}`, 'sql');
    expect(await codes('db/001.sql')).toEqual([['MIG001', 1]]);
    await lsp.change('db/001.sql', 'CREATE TABLE a (id int);\n');
    expect(await codes('db/001.sql')).toEqual([]);
  });

  it('checks a new file that is not committed, nor even added to git', async () => {
    repo.write({ 'db/002.sql': `-- cleanup\n${DROP}` });
    const before = lsp.refreshes.length;
    await lsp.watched([{ path: 'db/002.sql', type: FileChangeType.Created }]);
    await lsp.waitFor(() => lsp.refreshes.length > before);
    const report = await lsp.pullWorkspace();
    expect(
      report.items.map((i) => [
        i.uri,
        i.kind === 'full' ? i.items.map((d) => [d.code, d.range.start.line]) : [],
      ]),
    ).toEqual([[lsp.uri('db/002.sql'), [['MIG001', 1]]]]);
  });

  it('checks a committed file edited on disk', async () => {
    await lsp.close('db/000.sql');
    repo.write({ 'db/000.sql': `${DROP}DROP TABLE orders;\n` });
    const before = lsp.refreshes.length;
    await lsp.watched([{ path: 'db/000.sql', type: FileChangeType.Changed }]);
    await lsp.waitFor(() => lsp.refreshes.length > before);
    const report = await lsp.pullWorkspace();
    expect(report.items.map((i) => i.uri).sort()).toEqual([lsp.uri('db/000.sql'), lsp.uri('db/002.sql')]);
  });
});

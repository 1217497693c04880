import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens, DocumentSymbol, Location } from 'vscode-languageserver-protocol';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

const POLICY = `version: 1
protected:
  label: approved-core-change
  paths:
    - alembic/
migrations:
  alembic: alembic/versions
deploy:
  record: deploy/LAST_PROD_DEPLOY.json
  environments:
    staging:
      url: http://127.0.0.1:1
rules:
  MIG001: warning
`;

const migration = (rev: string, down: string) =>
  `"""${rev}"""\nrevision = "${rev}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`;

const RECORD = `{
  "last_good_sha": "${'a'.repeat(40)}",
  "deployed_at": "2026-11-20T10:00:00Z",
  "event": "SYSTEM_CORRECTION_EVENT",
  "pinned": true
}
`;

describe('outline, go-to-definition and code lenses', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'alembic/versions/0001_base.py': migration('0001', 'None'),
      'alembic/versions/0002_users.py': migration('0002', '"0001"'),
      'alembic/versions/0003_orders.py': migration('0003', '"0001"'),
      'deploy/LAST_PROD_DEPLOY.json': RECORD,
    });
    lsp = await ServiceSession.start(repo.dir);
    await lsp.open('slipway.yaml', POLICY);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  const definition = async (path: string, line: number, character: number) =>
    (await lsp.definition(path, { line, character })) as Location[];
  const lenses = async (path: string, text: string) => {
    await lsp.open(path, text);
    const found: CodeLens[] = await lsp.codeLenses(path);
    return found.map((l) => [l.range.start.line, l.command?.title]);
  };

  it('outlines the policy as written, not the defaults the schema adds', async () => {
    const symbols: DocumentSymbol[] = await lsp.documentSymbols('slipway.yaml');
    expect(symbols.map((s) => [s.name, s.selectionRange.start.line])).toEqual([
      ['version', 0],
      ['protected', 1],
      ['migrations', 5],
      ['deploy', 7],
      ['rules', 12],
    ]);
    const deploy = symbols.find((s) => s.name === 'deploy');
    expect(deploy?.children?.map((c) => c.name)).toEqual(['record', 'environments']);
    expect(deploy?.children?.[1]?.children?.map((c) => c.name)).toEqual(['staging']);
  });

  it('goes from a rule id to its documentation page', async () => {
    const [page] = await definition('slipway.yaml', 13, 4);
    expect(page?.uri).toMatch(/MIG001\.md$/);
    expect(readFileSync(fileURLToPath(page?.uri ?? ''), 'utf8')).toContain('MIG001');
  });

  it('goes from a path pattern to the files it decides, and from a file key to the file', async () => {
    expect((await definition('slipway.yaml', 4, 8)).map((l) => l.uri)).toEqual([
      lsp.uri('alembic/versions/0001_base.py'),
      lsp.uri('alembic/versions/0002_users.py'),
      lsp.uri('alembic/versions/0003_orders.py'),
    ]);
    expect((await definition('slipway.yaml', 8, 14)).map((l) => l.uri)).toEqual([
      lsp.uri('deploy/LAST_PROD_DEPLOY.json'),
    ]);
  });

  it("goes from a migration's down_revision to its parent's file", async () => {
    await lsp.open('alembic/versions/0002_users.py', migration('0002', '"0001"'));
    expect((await definition('alembic/versions/0002_users.py', 2, 18)).map((l) => l.uri)).toEqual([
      lsp.uri('alembic/versions/0001_base.py'),
    ]);
  });

  it('labels each revision: two heads, and the revisions that build on the base', async () => {
    expect(await lenses('alembic/versions/0003_orders.py', migration('0003', '"0001"'))).toEqual([
      [1, 'head (one of 2 heads)'],
    ]);
    expect(await lenses('alembic/versions/0001_base.py', migration('0001', 'None'))).toEqual([
      [1, '2 revisions build on it · base'],
    ]);
  });

  it('says on the deploy record what production runs and that it is pinned', async () => {
    const found = await lenses('deploy/LAST_PROD_DEPLOY.json', RECORD);
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe(0);
    expect(found[0]?.[1]).toMatch(
      /^production: aaaaaaa, deployed \d+ (h|days) ago · by a rollback · pinned: promote is refused until it is unpinned$/,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo } from './helpers/repo-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const POLICY = `version: 1\ndeploy:\n  record: ${RECORD}\n`;
// REC002 at the short SHA: characters 18–27 of the first line as an editor shows it.
const TEXT = `{"last_good_sha": "abc1234", "deployed_at": "2026-01-09T10:00:00Z"}\n`;
const SHORT_SHA = { start: { line: 0, character: 18 }, end: { line: 0, character: 27 } };

describe('deploy record diagnostics in the editor', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo({ 'slipway.yaml': POLICY, [RECORD]: `\uFEFF${TEXT}` });
    lsp = await ServiceSession.start(repo.dir);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('a record with a byte-order mark: the same range from disk as from the buffer (which has none)', async () => {
    const fromDisk = await lsp.pull(RECORD);
    expect(fromDisk.map((d) => [d.code, d.range])).toEqual([['REC002', SHORT_SHA]]);
    await lsp.open(RECORD, TEXT, 'json');
    const fromBuffer = await lsp.pull(RECORD);
    expect(fromBuffer.map((d) => [d.code, d.range])).toEqual([['REC002', SHORT_SHA]]);
  });

  it('a record nested thousands deep: one REC001 at the bracket, and the server keeps answering', async () => {
    const head = `{"last_good_sha": "${'a'.repeat(40)}", "reason": `;
    await lsp.change(RECORD, `${head}${'['.repeat(3000)}`);
    const items = await lsp.pull(RECORD);
    expect(items.map((d) => [d.code, d.range.start.character])).toEqual([['REC001', head.length + 63]]);
    expect(items[0]?.message).toContain('nested too deeply');
    await lsp.change(RECORD, TEXT);
    expect((await lsp.pull(RECORD)).map((d) => d.code)).toEqual(['REC002']);
  });
});

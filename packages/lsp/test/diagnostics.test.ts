import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceSession } from './helpers/service-session.js';
import { FixtureRepo, POLICY, UPDATE_TOML } from './helpers/repo-fixture.js';

const r = (sl: number, sc: number, el: number, ec: number) => ({
  start: { line: sl, character: sc },
  end: { line: el, character: ec },
});

describe('pull diagnostics', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;

  beforeAll(async () => {
    repo = new FixtureRepo();
    lsp = await ServiceSession.start(repo.dir);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('reports findings at their exact ranges with rule id, link and source', async () => {
    await lsp.open('config/update.toml', UPDATE_TOML);
    const items = await lsp.pull('config/update.toml');
    expect(items).toEqual([
      {
        range: r(2, 22, 2, 27),
        severity: 2,
        code: 'UPD004',
        codeDescription: { href: 'https://docs.example/rules/UPD004' },
        source: 'slipway',
        message: expect.stringContaining('require_signed_tags = false'),
        data: { rule: 'UPD004' },
      },
    ]);
    const policy = await lsp.pull('slipway.yaml');
    expect(policy.map((d) => [d.code, d.range])).toEqual([['POL002', r(3, 25, 3, 33)]]);
  });

  it('checks unsaved buffers, not the disk', async () => {
    await lsp.change('config/update.toml', UPDATE_TOML.replace('= false', '= true'));
    expect(await lsp.pull('config/update.toml')).toEqual([]);
    await lsp.change('config/update.toml', `# moved\n${UPDATE_TOML}`);
    expect((await lsp.pull('config/update.toml')).map((d) => d.range)).toEqual([r(3, 22, 3, 27)]);
  });

  it('re-checks every file against an edited, unsaved policy', async () => {
    await lsp.open('slipway.yaml', POLICY);
    await lsp.change('slipway.yaml', POLICY.replace('UPD004: warning', 'UPD004: error'));
    expect((await lsp.pull('config/update.toml')).map((d) => [d.code, d.severity])).toEqual([['UPD004', 1]]);
    await lsp.change('slipway.yaml', POLICY.replace(', nothere/', ''));
    // The stale pattern is gone; editing the policy is itself a change to the policy surface,
    // which a pull request will need the label for (PATH004, a warning while labels are unknown).
    expect((await lsp.pull('slipway.yaml')).map((d) => [d.code, d.severity])).toEqual([['PATH004', 2]]);
  });

  it('shows POL001 at the offending key and clears other files; no popup while the policy is open', async () => {
    await lsp.change('slipway.yaml', POLICY.replace('protected:', 'protectd:'));
    const policy = await lsp.pull('slipway.yaml');
    expect(policy).toHaveLength(1);
    expect(policy[0]).toMatchObject({ code: 'POL001', severity: 1, range: r(1, 0, 1, 8) });
    expect(policy[0]?.message).toContain('unknown key `protectd`');
    expect(await lsp.pull('config/update.toml')).toEqual([]);
    await lsp.waitFor(() => lsp.statuses.at(-1)?.kind === 'invalid-policy');
    expect(lsp.statuses.at(-1)?.message).toMatch(
      /^slipway\.yaml:2:1 is invalid .*other files are not checked/,
    );
    // Typing the policy passes through invalid text at nearly every keystroke: the open file's
    // own diagnostics say what is wrong, a popup each time would not.
    for (const partial of ['protec:', 'protect:', 'protecte:']) {
      await lsp.change('slipway.yaml', POLICY.replace('protected:', partial));
      await lsp.pull('slipway.yaml');
      await lsp.change('slipway.yaml', POLICY);
      await lsp.pull('slipway.yaml');
    }
    expect(lsp.messages).toEqual([]);
    await lsp.change('slipway.yaml', POLICY.replace('protected:', 'protectd:'));
    await lsp.pull('slipway.yaml');

    await lsp.change('slipway.yaml', POLICY);
    expect((await lsp.pull('config/update.toml')).map((d) => d.code)).toEqual(['UPD004']);
    expect(lsp.statuses.at(-1)?.kind).toBe('ok');
  });

  it('reports invalid YAML as POL001 where the parser stopped', async () => {
    await lsp.change('slipway.yaml', 'version: 1\nprotected: [a\n');
    const items = await lsp.pull('slipway.yaml');
    expect(items.map((d) => d.code)).toContain('POL001');
    expect(items[0]?.message).toMatch(/^invalid policy: invalid YAML/);
    await lsp.change('slipway.yaml', POLICY);
  });

  it('answers "unchanged" when a document was pulled before and nothing changed', async () => {
    const first = await lsp.pullReport('config/update.toml');
    const second = await lsp.pullReport('config/update.toml', (first as { resultId: string }).resultId);
    expect(second).toEqual({ kind: 'unchanged', resultId: (first as { resultId: string }).resultId });
  });

  it('reports the whole workspace, including files that are not open', async () => {
    await lsp.close('config/update.toml');
    await lsp.close('slipway.yaml');
    const report = await lsp.pullWorkspace();
    const byUri = new Map(report.items.map((i) => [i.uri, i]));
    expect([...byUri.keys()].sort()).toEqual([lsp.uri('config/update.toml'), lsp.uri('slipway.yaml')]);
    const toml = byUri.get(lsp.uri('config/update.toml'));
    expect(toml?.kind === 'full' && toml.items.map((d) => [d.code, d.range])).toEqual([
      ['UPD004', r(2, 22, 2, 27)],
    ]);

    // Pulled again with the result ids: unchanged; a file whose findings are gone is cleared.
    const ids = report.items.map((i) => ({ uri: i.uri, value: i.resultId as string }));
    ids.push({ uri: lsp.uri('backend/core/app.py'), value: 'stale' });
    const again = await lsp.pullWorkspace(ids);
    expect(again.items.map((i) => [i.uri, i.kind, i.kind === 'full' ? i.items.length : -1]).sort()).toEqual(
      [
        [lsp.uri('backend/core/app.py'), 'full', 0],
        [lsp.uri('config/update.toml'), 'unchanged', -1],
        [lsp.uri('slipway.yaml'), 'unchanged', -1],
      ].sort(),
    );
  });

  it('gives no findings for files outside the workspace', async () => {
    await lsp.open('/elsewhere/x.toml', 'require_signed_tags = false\n', 'toml');
    const report = await lsp.pullReport('/elsewhere/x.toml');
    expect(report).toEqual({ kind: 'full', items: [] });
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureRepo } from '../../packages/lsp/test/helpers/repo-fixture.js';
import {
  ARTIFACTS,
  type Browser,
  CodeServer,
  ensureCodeServer,
  openEditor,
  openFile,
  screenshotOnFailure,
  type Page,
  releaseVsix,
} from './code-server.js';

/**
 * Workspace trust: in Restricted Mode the server reads open files from disk and runs no git
 * (git runs programs a repository can configure); trusting the folder restarts it with git.
 */
describe('Slipway in Restricted Mode', () => {
  let repo: FixtureRepo;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let sha: string;

  beforeAll(async () => {
    await ensureCodeServer();
    const vsix = releaseVsix();
    repo = new FixtureRepo();
    // An agent's commit on the checked-out branch: only git can tell (its trailer), so the status
    // bar names it only once the folder is trusted and the server runs git.
    repo.git('checkout', '-q', '-b', 'feature/tidy');
    writeFileSync(join(repo.dir, 'agent-note.md'), 'A note.\n');
    repo.git('add', 'agent-note.md');
    repo.git('commit', '-q', '-m', 'Add a note\n\nCo-authored-by: Claude <noreply@anthropic.com>');
    sha = repo.git('rev-parse', '--short=7', 'HEAD').trim();
    server = await CodeServer.start(vsix, repo.dir, {}, { trust: false });
    ({ browser, page } = await openEditor(server.url, repo.dir));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    repo?.remove();
  });

  screenshotOnFailure(() => page);

  it('shows file-level findings while the folder is not trusted, and everything once it is', async () => {
    const agentChange = `.statusbar-item >> text=/agent change \\(Co-authored-by: Claude, commit ${sha}\\)/`;
    await page.click('.monaco-dialog-box .monaco-button >> text=/No, I don.t trust/');
    await page.waitForSelector('.statusbar-item >> text=/Restricted Mode/');
    await openFile(page, 'config/update.toml');
    // A file-level finding, read from the open file without git.
    expect(await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 120_000 })).toBeTruthy();
    // The status bar shows Slipway's state, and names no agent: no git ran.
    expect(await page.waitForSelector('.statusbar-item >> text=/Slipway/')).toBeTruthy();
    expect(await page.$(agentChange), 'the agent commit was read without trust').toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, '7-restricted.png') });

    await page.click('.statusbar-item >> text=/Restricted Mode/');
    await page.click('.workspace-trust-editor .monaco-button >> text=/^Trust/');
    // What only git can tell: the agent's commit, read once trust restarts the server with git.
    expect(await page.waitForSelector(agentChange, { timeout: 120_000 })).toBeTruthy();
    await openFile(page, 'config/update.toml');
    expect(await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 120_000 })).toBeTruthy();
    await page.screenshot({ path: join(ARTIFACTS, '8-trusted.png') });
  });
});

const gone = (selector: string): boolean =>
  (
    globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
  ).document.querySelectorAll(selector).length === 0;

/**
 * Issue 55 (7): a repository's `.vscode/settings.json` that turns Slipway off and the rule off.
 * In Restricted Mode VS Code ignores the workspace's value of the settings the extension lists as
 * `restrictedConfigurations`, so the finding still shows; the near miss, in the same editor: once
 * the folder is trusted, the repository's settings are the user's choice and do apply.
 */
describe("a repository's settings in Restricted Mode", () => {
  let repo: FixtureRepo;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureCodeServer();
    const vsix = releaseVsix();
    repo = new FixtureRepo();
    repo.write({
      '.vscode/settings.json': JSON.stringify({
        'slipway.enable': false,
        'slipway.rules': { UPD004: 'off' },
        'slipway.policyFile': 'nothere.yaml',
      }),
    });
    server = await CodeServer.start(vsix, repo.dir, {}, { trust: false });
    ({ browser, page } = await openEditor(server.url, repo.dir));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    repo?.remove();
  });

  screenshotOnFailure(() => page);

  it('cannot silence a finding while untrusted; trusted, they apply (the near miss)', async () => {
    await page.click('.monaco-dialog-box .monaco-button >> text=/No, I don.t trust/');
    await page.waitForSelector('.statusbar-item >> text=/Restricted Mode/');
    await openFile(page, 'config/update.toml');
    expect(await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 120_000 })).toBeTruthy();
    await page.screenshot({ path: join(ARTIFACTS, '9-restricted-settings-ignored.png') });

    await page.click('.statusbar-item >> text=/Restricted Mode/');
    await page.click('.workspace-trust-editor .monaco-button >> text=/^Trust/');
    // Trusted, the repository's policyFile names a file that is not there: the status says so,
    // which shows its settings were read; and its `enable: false` leaves no finding shown.
    expect(
      await page.waitForSelector('.statusbar-item >> text=/Slipway: no policy/', { timeout: 120_000 }),
    ).toBeTruthy();
    await openFile(page, 'config/update.toml');
    expect(await (await page.waitForFunction(gone, '.monaco-editor .squiggly-warning')).jsonValue()).toBe(
      true,
    );
    await page.screenshot({ path: join(ARTIFACTS, '10-trusted-settings-apply.png') });
  });
});

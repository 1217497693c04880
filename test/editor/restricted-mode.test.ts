import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
  packageVsix,
} from './code-server.js';

/**
 * Workspace trust: in Restricted Mode the server reads open files from disk and runs no git
 * (git runs programs a repository can configure); trusting the folder restarts it with git.
 */
describe('Slipway in Restricted Mode', () => {
  const out = mkdtempSync(join(tmpdir(), 'slipway-editor-'));
  let repo: FixtureRepo;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureCodeServer();
    const vsix = await packageVsix(out);
    repo = new FixtureRepo();
    server = await CodeServer.start(vsix, repo.dir, {}, { trust: false });
    ({ browser, page } = await openEditor(server.url, repo.dir));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    repo?.remove();
    rmSync(out, { recursive: true, force: true });
  });

  screenshotOnFailure(() => page);

  it('shows file-level findings while the folder is not trusted, and everything once it is', async () => {
    await page.click('.monaco-dialog-box .monaco-button >> text=/No, I don.t trust/');
    await page.waitForSelector('.statusbar-item >> text=/Restricted Mode/');
    await openFile(page, 'config/update.toml');
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 120_000 });
    await page.screenshot({ path: join(ARTIFACTS, '7-restricted.png') });

    await page.click('.statusbar-item >> text=/Restricted Mode/');
    await page.click('.workspace-trust-editor .monaco-button >> text=/^Trust/');
    await openFile(page, 'config/update.toml');
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 120_000 });
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
  const out = mkdtempSync(join(tmpdir(), 'slipway-editor-'));
  let repo: FixtureRepo;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureCodeServer();
    const vsix = await packageVsix(out);
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
    rmSync(out, { recursive: true, force: true });
  });

  screenshotOnFailure(() => page);

  it('cannot silence a finding while untrusted; trusted, they apply (the near miss)', async () => {
    await page.click('.monaco-dialog-box .monaco-button >> text=/No, I don.t trust/');
    await page.waitForSelector('.statusbar-item >> text=/Restricted Mode/');
    await openFile(page, 'config/update.toml');
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 120_000 });
    await page.screenshot({ path: join(ARTIFACTS, '9-restricted-settings-ignored.png') });

    await page.click('.statusbar-item >> text=/Restricted Mode/');
    await page.click('.workspace-trust-editor .monaco-button >> text=/^Trust/');
    // Trusted, the repository's policyFile names a file that is not there: the status says so,
    // which shows its settings were read; and its `enable: false` leaves no finding shown.
    await page.waitForSelector('.statusbar-item >> text=/Slipway: no policy/', { timeout: 120_000 });
    await openFile(page, 'config/update.toml');
    await page.waitForFunction(gone, '.monaco-editor .squiggly-warning');
    await page.screenshot({ path: join(ARTIFACTS, '10-trusted-settings-apply.png') });
  });
});

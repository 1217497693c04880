import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MayAssistantDeploy } from '../deploy/helpers/mayassistant-fixture.js';
import { webviewRead, webviewTexts } from './webview.js';
import { runCliProcess } from '../deploy/helpers/run-cli.js';
import {
  ARTIFACTS,
  answerQuickInput,
  type Browser,
  CodeServer,
  dialogButton,
  ensureCodeServer,
  notification,
  openEditor,
  openFile,
  type Page,
  palette,
  screenshotOnFailure,
  releaseVsix,
} from './code-server.js';

/**
 * Where the screenshots go: the run's artifacts, or with SLIPWAY_DOCS_IMAGES=1 the pictures the
 * extension README shows (docs/images), so an ordinary test run leaves the checkout clean.
 */
const IMAGES = process.env.SLIPWAY_DOCS_IMAGES
  ? fileURLToPath(new URL('../../docs/images/', import.meta.url))
  : ARTIFACTS;
const APPROVE = ['--yes', '--approved-by', 'Ada Approver'];

/**
 * PATH with no `slipway` on it: the extension must not need one. A directory that holds one is
 * replaced by a mirror of its other entries (symlinks in `mirrors`), not dropped: npm installs the
 * CLI beside `node`, and dropping that directory would take node (and npm) with it.
 */
function pathWithoutSlipway(mirrors: string): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir, i) => {
      if (!existsSync(join(dir, 'slipway'))) return dir;
      const mirror = join(mirrors, String(i));
      mkdirSync(mirror);
      for (const name of readdirSync(dir))
        if (name !== 'slipway') symlinkSync(join(dir, name), join(mirror, name));
      return mirror;
    })
    .join(delimiter);
}

/**
 * The ship path a person takes in a real VS Code (code-server 4.100) with the .vsix installed, on
 * a copy of examples/mayassistant whose staging and production are HTTP stand-ins on 127.0.0.1:
 * findings in Problems, the deploy guard, promote to staging then production (typing the short
 * SHA), roll back with a reason, the pin in the status bar, the history.
 */
describe('shipping from a real VS Code', () => {
  let f: MayAssistantDeploy;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let sha1 = '';
  let sha2 = '';
  const mirrors = mkdtempSync(join(tmpdir(), 'slipway-path-'));

  beforeAll(async () => {
    await ensureCodeServer();
    const vsix = releaseVsix();
    f = await new MayAssistantDeploy().start();
    // Production already runs the first commit (shipped with the CLI, as CI would have).
    sha1 = f.repo.git('rev-parse', 'HEAD').trim();
    expect((await runCliProcess(['promote', '--env', 'staging'], { cwd: f.repo.dir, env: f.env })).code).toBe(
      0,
    );
    expect(
      (await runCliProcess(['promote', '--env', 'production', ...APPROVE], { cwd: f.repo.dir, env: f.env }))
        .code,
    ).toBe(0);
    f.repo.git('add', '-A');
    f.repo.commit('record the first release');
    f.repo.write({ 'docs/reports/2025-02-status.md': '# February\n' });
    sha2 = f.repo.commit('February status');
    // An edit not yet committed: the editor and the guard on the working tree see it.
    f.repo.write({
      'backend/requirements.txt': `${readFileSync(join(f.repo.dir, 'backend/requirements.txt'), 'utf8')}httpx>=0.27\n`,
    });
    const PATH = pathWithoutSlipway(mirrors);
    server = await CodeServer.start(
      vsix,
      f.repo.dir,
      { 'files.autoSave': 'off' },
      { env: { ...f.env, PATH } },
    );
    ({ browser, page } = await openEditor(server.url, f.repo.dir));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await f?.dispose();
    rmSync(mirrors, { recursive: true, force: true });
  });

  screenshotOnFailure(() => page);

  it('shows the findings in the Problems panel', async () => {
    await openFile(page, 'backend/requirements.txt');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 120_000 });
    await page.keyboard.press('Control+Shift+M');
    expect(await page.waitForSelector('.markers-panel .monaco-list-row >> text=/DEP001/')).toBeTruthy();
    await page.screenshot({ path: join(IMAGES, 'editor-problems.png') });
  });

  it('runs the deploy guard with no slipway on PATH: Problems and a summary per family', async () => {
    await palette(page, 'Slipway: Run Deploy Guard');
    const text = await notification(page, /deploy guard BLOCKS a deploy/);
    // The unpinned requirement (DEP001) and the lock that does not mirror it.
    expect(text).toMatch(/DEP: 2 errors/);
    await page.click('.notifications-toasts .monaco-button >> text="Show Problems"');
    await page.waitForSelector('.markers-panel .monaco-list-row >> text=/DEP001/');
  });

  it('promotes to staging, then to production typing the short SHA', async () => {
    await palette(page, 'Slipway: Promote');
    await answerQuickInput(page, /environment/, 'staging');
    await answerQuickInput(page, /commit/, '');
    const staging = await dialogButton(page, 'Promote');
    expect(staging).toContain(`Promote ${sha2.slice(0, 7)} to staging`);
    await notification(page, /ready to promote/);
    expect(f.requests().at(-1)).toBe(`deploy staging ${sha2}`);

    // A wrong SHA typed at the approval: refused, said so, nothing deployed.
    const before = f.requests().length;
    await palette(page, 'Slipway: Promote');
    await answerQuickInput(page, /environment/, 'production');
    await answerQuickInput(page, /commit/, '');
    await dialogButton(page, 'Approve…');
    await answerQuickInput(page, /approve/, 'deadbee');
    expect(await notification(page, /refused/)).toMatch(new RegExp(`expected ${sha2.slice(0, 7)}`));
    expect(f.requests()).toHaveLength(before);
    expect(f.record()).toMatchObject({ last_good_sha: sha1 });

    await palette(page, 'Slipway: Promote');
    await answerQuickInput(page, /environment/, 'production');
    await answerQuickInput(page, /commit/, '');
    await page.waitForSelector('.monaco-dialog-box >> text=/verified on staging/');
    await page.screenshot({ path: join(IMAGES, 'editor-promote-checklist.png') });
    const checklist = await dialogButton(page, 'Approve…');
    expect(checklist).toMatch(/✓ verified on staging/);
    await page.waitForSelector('.quick-input-widget .quick-input-title >> text=/approve/');
    await page.keyboard.type(sha2.slice(0, 7));
    await page.screenshot({ path: join(IMAGES, 'editor-promote-approval.png') });
    await page.keyboard.press('Enter');
    await notification(page, /promoted/);
    expect(f.requests().at(-1)).toBe(`deploy production ${sha2}`);
    expect(f.record()).toMatchObject({ last_good_sha: sha2, previous_sha: sha1 });
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'PROMOTE', outcome: 'succeeded', to: sha2 });
    await page.waitForSelector(`.statusbar-item >> text=/prod ${sha2.slice(0, 7)}/`);
  });

  it('rolls back with a reason: the SYSTEM CORRECTION EVENT, and "pinned" in the status bar', async () => {
    await palette(page, 'Slipway: Roll Back Production');
    const plan = await dialogButton(page, 'Continue…');
    expect(plan).toContain(`from ${sha2.slice(0, 12)} to ${sha1.slice(0, 12)}`);
    await answerQuickInput(page, /reason/, 'checkout errors after the February release');
    await dialogButton(page, `Roll Back to ${sha1.slice(0, 7)}`);
    const text = await notification(page, /SYSTEM CORRECTION EVENT/);
    expect(text).toContain('pinned');
    await page.waitForSelector('.statusbar-item >> text=/pinned/');
    await page.screenshot({ path: join(IMAGES, 'editor-rollback-pinned.png') });
    expect(f.record()).toMatchObject({ last_good_sha: sha1, pinned: true });
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      outcome: 'succeeded',
      reason: 'checkout errors after the February release',
    });
  });

  it('shows the deploy history rendered: the log as a table, newest first, then the delivery figures', async () => {
    await palette(page, 'Slipway: Show Deploy History');
    // Rows of an HTML table in the Markdown preview, not lines of Markdown source.
    const rows = await webviewTexts(page, 'table tr', /SYSTEM CORRECTION EVENT/);
    const correction = rows.findIndex((r) => r.includes('SYSTEM CORRECTION EVENT'));
    expect(rows[correction]).toContain(`${sha2.slice(0, 12)} → ${sha1.slice(0, 12)}`);
    const promotes = rows.filter((r) => /\bPROMOTE\b/.test(r) && r.includes('succeeded'));
    expect(promotes.map((r) => r.includes(sha2.slice(0, 12)))).toEqual([true, false]);
    expect(rows.indexOf(promotes[0] as string)).toBeGreaterThan(correction);
    // The figures after the log: production's deploys by who wrote them.
    expect(rows.some((r) => /^\s*human\s*2\b/.test(r))).toBe(true);
    expect(await page.$('.view-lines >> text=/\\| time \\| event \\|/')).toBeNull();
    // The charts: images the preview decoded and laid out, four per environment.
    const images = await webviewRead<{ alt: string; width: number }[]>(
      page,
      "[...document.querySelectorAll('img')].map((i) => ({ alt: i.alt, width: i.complete ? i.naturalWidth : 0 }))",
      (imgs) => imgs.filter((i) => i.width > 0).length >= 8,
    );
    expect(images.filter((i) => i.alt === 'Deploys per week' && i.width === 720)).toHaveLength(2);
    await page.screenshot({ path: join(IMAGES, 'editor-history.png') });
  });
});

/** Restricted Mode on the same kind of repository: findings yes, deploys no. */
describe('shipping in Restricted Mode', () => {
  let f: MayAssistantDeploy;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureCodeServer();
    const vsix = releaseVsix();
    f = await new MayAssistantDeploy().start();
    f.repo.write({ 'backend/requirements.txt': 'fastapi>=0.110\n' });
    server = await CodeServer.start(vsix, f.repo.dir, {}, { trust: false, env: f.env });
    ({ browser, page } = await openEditor(server.url, f.repo.dir));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await f?.dispose();
  });

  screenshotOnFailure(() => page);

  it('shows the findings of an open file, offers no Promote, says why, and deploys nothing', async () => {
    await page.click('.monaco-dialog-box .monaco-button >> text=/No, I don.t trust/');
    await page.waitForSelector('.statusbar-item >> text=/Restricted Mode/');
    await openFile(page, 'backend/requirements.txt');
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 120_000 });
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input');
    await page.keyboard.type('Slipway: ');
    await page.waitForSelector(
      '.quick-input-list .monaco-list-row[aria-label*="Deploy Commands Need a Trusted Workspace"]',
    );
    await page.waitForFunction(
      (label: string) =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll(`.quick-input-list .monaco-list-row[aria-label*="${label}"]`).length ===
        0,
      'Slipway: Promote',
    );
    await page.keyboard.press('Escape');
    await palette(page, 'Slipway: Deploy Commands Need a Trusted Workspace');
    await page.waitForSelector('.monaco-dialog-box');
    await page.screenshot({ path: join(IMAGES, 'editor-restricted.png') });
    const why = await dialogButton(page, 'Cancel');
    expect(why).toMatch(/not trusted.*run git/);
    expect(f.requests()).toEqual([]);
    expect(f.record()).toBeUndefined();
  });
});

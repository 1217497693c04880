import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, inject } from 'vitest';
import { AGENT_SHELL_MARKS } from '../helpers/cli.js';
import { BIN, PREFIX, run } from './install.js';

export { ensureCodeServer, packageVsix, PREFIX } from './install.js';

export const ARTIFACTS =
  process.env.SLIPWAY_EDITOR_ARTIFACTS ?? mkdtempSync(join(tmpdir(), 'slipway-editor-shots-'));

/** The part of playwright-core's API these tests use (it is installed in PREFIX, not in the workspace). */
/** The DOM as seen from functions that run in the page (the workspace compiles without DOM types). */
export interface DomElement {
  closest(selector: string): DomElement | null;
  getAttribute(name: string): string | null;
  textContent: string | null;
}
export interface Handle {
  evaluate<T>(fn: (el: DomElement) => T): Promise<T>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
}
export interface Page {
  goto(url: string): Promise<unknown>;
  /** Runs `fn` in every document the page loads, before its own scripts (set before `goto`). */
  addInitScript<A>(fn: (arg: A) => void, arg: A): Promise<void>;
  /** Runs `fn` in the page and returns its (JSON) result. */
  evaluate<T>(fn: () => T): Promise<T>;
  /** Defines `window[name]` in the page, calling back into Node (set before `goto`). */
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  on(event: 'console', listener: (message: ConsoleMessage) => void): void;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<Handle>;
  /** The first element that matches now, or null: no waiting. */
  $(selector: string): Promise<Handle | null>;
  /** Resolves once `fn` returns true in the page, with a handle on that value. */
  waitForFunction<A>(fn: (arg: A) => boolean, arg: A): Promise<{ jsonValue(): Promise<unknown> }>;
  hover(selector: string): Promise<void>;
  click(selector: string): Promise<void>;
  screenshot(options: { path: string }): Promise<unknown>;
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void>; click(x: number, y: number): Promise<void> };
  /** Every frame of the page: a webview's content is a frame inside frames. */
  frames(): Frame[];
}
export interface Frame {
  evaluate<T>(fn: () => T): Promise<T>;
}
export interface ConsoleMessage {
  text(): string;
  args(): { jsonValue(): Promise<unknown> }[];
}
export interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
}

/** playwright-core from the same prefix: never `playwright install`, Debian's Chromium drives. */
export function playwright(): Playwright {
  return createRequire(join(PREFIX, 'package.json'))('playwright-core') as Playwright;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A running code-server on one folder, with the extension installed from its .vsix (none: the
 * page's payload names the extension under development, as test/editor/mocha-suite.test.ts does).
 */
export class CodeServer {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dirs: string[],
    readonly log: () => string,
    /** The editor's own logs (each extension's output channel among them), while it runs. */
    readonly logsDir: string,
  ) {}

  static async start(
    vsix: string | undefined,
    folder: string,
    settings: Record<string, unknown> = {},
    {
      trust = true,
      env = {},
      extensions = [],
      logLevel,
    }: {
      trust?: boolean;
      /** The editor's log level (`trace` also turns on a log output channel's trace, as the language client's). */
      logLevel?: 'trace' | 'debug' | 'info';
      env?: Record<string, string>;
      /** Extension folders (a package.json and its files) to install as they are. */
      extensions?: string[];
    } = {},
  ): Promise<CodeServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'slipway-cs-data-'));
    mkdirSync(join(dataDir, 'User'), { recursive: true });
    writeFileSync(join(dataDir, 'User/settings.json'), JSON.stringify(settings));
    const extDir = mkdtempSync(join(tmpdir(), 'slipway-cs-ext-'));
    if (vsix) await installVsix(vsix, extDir);
    // A folder in an extensions dir with no extensions.json yet is found and listed at start.
    for (const dir of extensions) {
      const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      cpSync(dir, join(extDir, `${m.publisher}.${m.name}-${m.version}`), { recursive: true });
    }
    const port = await freePort();
    const child = spawn(
      BIN,
      [
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        ...(trust ? ['--disable-workspace-trust'] : []),
        ...(logLevel ? ['--log', logLevel] : []),
        '--user-data-dir',
        dataDir,
        '--extensions-dir',
        extDir,
        folder,
      ],
      // The extension host and the language server inherit this environment (a deploy's variables).
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...AGENT_SHELL_MARKS, ...env } },
    );
    let log = '';
    child.stdout?.on('data', (b: Buffer) => {
      log += b.toString();
    });
    child.stderr?.on('data', (b: Buffer) => {
      log += b.toString();
    });
    const url = `http://127.0.0.1:${port}`;
    // Ready when it answers HTTP; bounded, and it fails with its own log if it dies first.
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`code-server exited: ${log}`);
      try {
        const r = await fetch(`${url}/healthz`);
        if (r.ok) break;
      } catch {
        // not listening yet
      }
      if (i > 600) throw new Error(`code-server did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return new CodeServer(url, child, [dataDir, extDir], () => log, join(dataDir, 'logs'));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill();
      await exited;
    }
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}

/**
 * Installs `vsix` into `extDir` as `code-server --install-extension` does. The run's own .vsix
 * (package-once.ts) was installed once already: the extensions dir that install wrote is copied,
 * its extensions.json pointed at the copy (the absolute paths are the only thing in it that names
 * the dir). Any other .vsix is installed by code-server here.
 */
async function installVsix(vsix: string, extDir: string): Promise<void> {
  const once = inject('editorVsix');
  if (once?.vsix !== vsix) {
    await run(BIN, ['--extensions-dir', extDir, '--install-extension', vsix]);
    return;
  }
  cpSync(once.installed, extDir, { recursive: true });
  const list = join(extDir, 'extensions.json');
  writeFileSync(list, readFileSync(list, 'utf8').replaceAll(once.installed, extDir));
}

/** The .vsix this run packaged once (package-once.ts), as a release packages it. */
export function releaseVsix(): string {
  return inject('editorVsix').vsix;
}

/** Debian's Chromium, with the flags that keep it off the network. */
export function launchChromium(): Promise<Browser> {
  return playwright().chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Chromium on the editor of `folder`, once the workbench is on the page. */
export async function openEditor(url: string, folder: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  return { browser, page };
}

/** Runs a command from the palette (F1), as a person types it. */
export async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(command);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${command}"]`);
  await page.keyboard.press('Enter');
}

/** Opens a file from the Explorer, folder by folder, as a person clicks through it. */
export async function openFile(page: Page, path: string): Promise<void> {
  const parts = path.split('/');
  for (const [i, part] of parts.entries()) {
    const row = `.explorer-folders-view .monaco-list-row[aria-label^="${part}"]`;
    const handle = await page.waitForSelector(row);
    if (
      i === parts.length - 1 ||
      (await handle.evaluate((el) => el.getAttribute('aria-expanded'))) !== 'true'
    ) {
      await page.click(row);
    }
  }
  await page.waitForSelector(`.tab.active[aria-label*="${parts.at(-1)}"]`);
}

/** Waits for a notification toast whose text matches, and returns its text. */
export async function notification(page: Page, text: RegExp, timeout = 120_000): Promise<string> {
  const toast = await page.waitForSelector(`.notifications-toasts .notification-list-item >> text=${text}`, {
    timeout,
  });
  return toast.evaluate((el) => el.closest('.notification-list-item')?.textContent ?? '');
}

/** Clicks a button of the modal dialog VS Code shows. */
export async function dialogButton(page: Page, label: string | RegExp): Promise<string> {
  const selector = typeof label === 'string' ? `text="${label}"` : `text=${label}`;
  const button = await page.waitForSelector(`.monaco-dialog-box .monaco-button >> ${selector}`);
  const text = await button.evaluate((el) => el.closest('.monaco-dialog-box')?.textContent ?? '');
  await page.click(`.monaco-dialog-box .monaco-button >> ${selector}`);
  return text;
}

/** Types into the open quick input (a picker or an input box) and presses Enter. */
export async function answerQuickInput(page: Page, title: RegExp, text: string): Promise<void> {
  await page.waitForSelector(`.quick-input-widget .quick-input-title >> text=${title}`);
  await page.waitForSelector('.quick-input-widget input');
  if (text) await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Registers a screenshot of `page()` in ARTIFACTS for every test of the suite that fails. */
export function screenshotOnFailure(
  page: () => Page | undefined,
  server?: () => CodeServer | undefined,
): void {
  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      const name = `failed-${ctx.task.name.replace(/\W+/g, '-')}`;
      await page()?.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
      // The editor's logs go with the server's data dir at stop: kept here, with the language
      // server's messages when the test turned its trace on (what was asked, what it answered).
      const logs = server?.()?.logsDir;
      if (logs && existsSync(logs)) cpSync(logs, join(ARTIFACTS, `${name}-logs`), { recursive: true });
    });
  });
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  type Browser,
  CodeServer,
  ensureCodeServer,
  launchChromium,
  type Page,
} from './code-server.js';

const EXTENSION = fileURLToPath(new URL('../../packages/extension/', import.meta.url));
const VSCODE_TEST = join(EXTENSION, 'node_modules/@vscode/test-cli/out/bin.mjs');

/**
 * How many tests the suite declares (`test(` at the start of a line in its file): mocha must
 * report exactly that many passing. "0 passing" (a suite that failed to load its tests, or a
 * `test.skip`) and "3 passing" of 7 are failures, not a green run.
 */
const DECLARED_TESTS = (
  readFileSync(join(EXTENSION, 'test/suite/extension.test.ts'), 'utf8').match(/^\s*test\(/gm) ?? []
).length;

/** The lines of mocha's spec report, among the workbench's own messages on the page's console. */
const MOCHA_LINE = /^ {2}Slipway in VS Code|^ {4}(✔|\d+\) )|^ {2}\d+ (passing|failing|pending)/;

/** What `vscode-test` hands a desktop VS Code for the configuration in .vscode-test.mjs. */
interface Prepared {
  config: { workspaceFolder: string };
  extensionDevelopmentPath: string[];
  extensionTestsPath: string;
  env: Record<string, string>;
}

/**
 * Runs the mocha suite of packages/extension (the @vscode/test-cli configuration in
 * .vscode-test.mjs, the one `pnpm test:desktop` runs on a desktop VS Code) inside code-server's
 * extension host. The run is the one `vscode-test --list-configuration` describes: the same test
 * runner (test-cli's runner.cjs), the same files and mocha options (VSCODE_TEST_OPTIONS, which
 * the server passes on to the extension host it starts), the same extensions under development.
 *
 * The browser workbench reads extensionDevelopmentPath and extensionTestsPath from the page's
 * `payload` query (as vscode-test-web does), as vscode-remote URIs on the server. When the
 * runner's promise settles, the workbench stops the extension host and calls
 * `window.codeAutomationExit(code)`: 0 when every test passed, 1 otherwise. Mocha's own report
 * (the spec reporter on the extension host's stdout) reaches the page's console.
 */
describe('the mocha suite (@vscode/test-cli) in code-server', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'slipway-suite-ws-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('passes in the real extension host, and says so through codeAutomationExit', async () => {
    await ensureCodeServer();
    const env = { ...process.env, SLIPWAY_SUITE_WORKSPACE: workspace } as Record<string, string>;
    // Awaited, not run synchronously: a blocked worker misses vitest's own messages (see code-server.ts).
    const { stdout } = await promisify(execFile)(process.execPath, [VSCODE_TEST, '--list-configuration'], {
      cwd: EXTENSION,
      env,
      encoding: 'utf8',
    });
    const [run] = JSON.parse(stdout) as Prepared[];
    const folder = run!.config.workspaceFolder;
    const timings = process.env.SLIPWAY_SUITE_TIMINGS;
    // The workbench takes one extensionDevelopmentPath from the payload (a Map: the last wins), so
    // Slipway is the one under development and the others (the timing probe) are installed.
    const [slipway, ...others] = run!.extensionDevelopmentPath;
    server = await CodeServer.start(
      undefined,
      folder,
      {},
      {
        env: { ...run!.env, ...(timings ? { SLIPWAY_SUITE_TIMINGS: timings } : {}) },
        extensions: others,
      },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The extension host's console and stdout reach the page's console through the workbench's
    // log: console.log('%c INFO', 'color: …', format, ...args). Formatted back here, in order.
    const output: string[] = [];
    let lines = Promise.resolve();
    page.on('console', (m) => {
      const values = Promise.all(m.args().map((a) => a.jsonValue().catch(() => '?')));
      lines = lines.then(async () => {
        const [first, ...rest] = await values;
        if (first === undefined) return void output.push(m.text());
        const args = typeof first === 'string' && first.startsWith('%c ') ? rest.slice(1) : [first, ...rest];
        output.push(format(...args));
      });
    });
    let exit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => {
      exit = resolve;
    });
    // Awaited: defined in the page before it loads, or the page may call it before it exists.
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    const remote = (path: string) => `vscode-remote://${new URL(server!.url).host}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(slipway!)],
      ['extensionTestsPath', remote(run!.extensionTestsPath)],
    ];
    await page.goto(
      `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    // The status item, while the extension host still runs (no API lists status bar items).
    const statusItem = page.waitForSelector('.statusbar-item >> text=/Slipway/', { timeout: 120_000 }).then(
      () => true,
      () => false,
    );
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no exit after 150 s:\n${output.join('\n')}\n${server!.log()}`)),
          150_000,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    await lines;
    const report = output.join('\n');
    // Mocha's report (spec reporter): the suite's title, a line per test, the counts.
    console.log(
      report
        .split('\n')
        .filter((l) => MOCHA_LINE.test(l))
        .join('\n'),
    );
    if (code !== 0) await page.screenshot({ path: join(ARTIFACTS, 'failed-mocha-suite.png') });
    expect(code, `mocha in code-server's extension host:\n${report}\n${server.log()}`).toBe(0);
    expect(DECLARED_TESTS).toBeGreaterThan(0);
    expect(/^ {2}(\d+) passing/m.exec(report)?.[1], `mocha's count of passing tests:\n${report}`).toBe(
      String(DECLARED_TESTS),
    );
    expect(report).not.toMatch(/\d+ (failing|pending)/);
    expect(await statusItem, 'the Slipway status item showed').toBe(true);
  });
});

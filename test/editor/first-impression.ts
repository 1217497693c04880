// The first impression of a real VS Code on the example repository: one editor start, timed
// from the page's navigation start to the first problem counted (first-impression.test.ts for
// Slipway's; bench/editor/first-impression-floor.test.ts for the floor, the probe extension alone).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TempRepo } from '../helpers/git-repo.js';
import { type Browser, CodeServer, launchChromium, type Page } from './code-server.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/mayassistant', import.meta.url));
/** The probe extension: activated on "*", it sets one problem at once (the floor no extension beats). */
export const PROBE = fileURLToPath(new URL('../../packages/extension/test/probe', import.meta.url));

/** The DOM moments the page notes itself: a selector, and a pattern its text must match. */
export type Moments = Record<string, [selector: string, text: string]>;
export const PROBLEMS: Moments = { 'page: Problems count above 0': ['#status\\.problems', '[1-9]'] };
export const SLIPWAY: Moments = {
  'page: workbench on the page': ['.monaco-workbench', ''],
  'page: Slipway status item visible': ['.statusbar-item', 'Slipway'],
  ...PROBLEMS,
};

/**
 * Runs in the page before VS Code's scripts (a MutationObserver on the document): notes, on the
 * clock the extension host and the server use (Date.now()), when each moment's selector first
 * matches an element whose text matches its pattern.
 */
function noteDomMoments(moments: Moments): void {
  const w = globalThis as unknown as {
    __firstSeen: Record<string, number>;
    document: { querySelectorAll(s: string): Iterable<{ textContent: string | null }> };
    MutationObserver: new (
      cb: () => void,
    ) => { observe(target: unknown, options: Record<string, boolean>): void };
  };
  w.__firstSeen = {};
  const look = () => {
    for (const [name, [selector, text]] of Object.entries(moments)) {
      if (w.__firstSeen[name] !== undefined) continue;
      const pattern = new RegExp(text);
      for (const el of w.document.querySelectorAll(selector)) {
        if (!pattern.test(el.textContent ?? '')) continue;
        w.__firstSeen[name] = Date.now();
        break;
      }
    }
  };
  new w.MutationObserver(look).observe(w.document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
  });
}

/** A clone of examples/mayassistant, as a person has it: a git repository, everything committed. */
function exampleClone(): string {
  const repo = new TempRepo();
  cpSync(EXAMPLE, repo.dir, { recursive: true });
  repo.commit('MayAssistant');
  return repo.dir;
}

/** Every mark of one editor start, in ms after the page's navigation start. */
export type Timeline = Record<string, number>;
/** What one editor start gives: its marks, and the CPU time (ms) each traced process had used at its own. */
export interface Start {
  timeline: Timeline;
  cpu: Record<string, number>;
}

/**
 * Opens the example in a fresh code-server with the trace on (SLIPWAY_STARTUP_TRACE), waits for the
 * first Problems count above 0, and returns every mark: the page's (navigation start = 0, the
 * DOM moments, VS Code's renderer marks), then the extension host's and the server's from the trace.
 */
export async function firstImpression(
  install: { vsix?: string; extensions?: string[] },
  moments: Moments,
  opened: Opened,
): Promise<Start> {
  const folder = exampleClone();
  const traceDir = mkdtempSync(join(tmpdir(), 'slipway-startup-trace-'));
  opened.dirs.push(folder, traceDir);
  const trace = join(traceDir, 'trace.jsonl');
  opened.server = await CodeServer.start(
    install.vsix,
    folder,
    {},
    { env: { SLIPWAY_STARTUP_TRACE: trace }, extensions: install.extensions ?? [] },
  );
  opened.browser = await launchChromium();
  const page = await opened.browser.newPage({ viewport: { width: 1400, height: 900 } });
  opened.page = page;
  await page.addInitScript(noteDomMoments, moments);
  await page.goto(`${opened.server.url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('#status\\.problems >> text=/[1-9]/', { timeout: 120_000 });
  const page0 = await page.evaluate(() => {
    const g = globalThis as unknown as {
      performance: { timeOrigin: number };
      __firstSeen: Record<string, number>;
      MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] };
    };
    return {
      origin: g.performance.timeOrigin,
      seen: g.__firstSeen,
      marks: g.MonacoPerformanceMarks?.getMarks() ?? [],
    };
  });
  const timeline: Timeline = {};
  const at = (name: string, t: number) => {
    timeline[name] ??= Math.round(t - page0.origin);
  };
  for (const m of page0.marks) at(`renderer ${m.name}`, m.startTime);
  for (const [name, t] of Object.entries(page0.seen)) at(name, t);
  const cpu: Record<string, number> = {};
  const lines = existsSync(trace) ? readFileSync(trace, 'utf8').trim().split('\n') : [];
  for (const line of lines) {
    const { mark, at: t, cpuMs } = JSON.parse(line) as { mark: string; at: number; cpuMs?: number };
    at(mark, t);
    if (cpuMs !== undefined) cpu[mark] ??= cpuMs;
  }
  return { timeline: Object.fromEntries(Object.entries(timeline).sort(([, a], [, b]) => a - b)), cpu };
}

/** Writes one run's timelines where the bench asked (SLIPWAY_FIRST_IMPRESSION_TIMINGS). */
export function record(key: string, start: Start): void {
  const file = process.env.SLIPWAY_FIRST_IMPRESSION_TIMINGS;
  if (!file) return;
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, JSON.stringify({ ...all, [key]: start.timeline, [`${key}Cpu`]: start.cpu }, null, 2));
}

/** What a first-impression test holds open, closed after each test (closeOpened). */
export interface Opened {
  server?: CodeServer;
  browser?: Browser;
  page?: Page;
  dirs: string[];
}

export async function closeOpened(opened: Opened): Promise<void> {
  await opened.browser?.close();
  await opened.server?.stop();
  for (const d of opened.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  opened.browser = undefined;
  opened.server = undefined;
}

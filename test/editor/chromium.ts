import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PREFIX } from './install.js';

// Debian's Chromium as the editor tests drive it. No vitest import here: the editor step's global
// setup (package-once.ts) launches the step's one Chromium from this file, outside a test.

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

/** The part of playwright-core's API that launches or reaches a Chromium. */
interface Playwright {
  chromium: {
    launch(options: LaunchOptions): Promise<Browser>;
    launchServer(options: LaunchOptions): Promise<{ wsEndpoint(): string; close(): Promise<void> }>;
    connect(wsEndpoint: string): Promise<Browser>;
  };
}
interface LaunchOptions {
  executablePath: string;
  args: string[];
}

/** playwright-core from the same prefix: never `playwright install`, Debian's Chromium drives. */
export function playwright(): Playwright {
  return createRequire(join(PREFIX, 'package.json'))('playwright-core') as Playwright;
}

/** Debian's Chromium, with the flags that keep it off the network. */
const CHROMIUM: LaunchOptions = {
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
};

/** A Chromium of the caller's own: a start nothing ran in before (first-impression.ts). */
export function launchChromium(): Promise<Browser> {
  return playwright().chromium.launch(CHROMIUM);
}

/**
 * The step's one Chromium, for every editor test to connect to (code-server.ts, connectChromium):
 * a browser start costs about as much CPU as a code-server's, and the step used to start seven.
 * Each page a test opens is a new browser context (no cookie, storage or cache of another's).
 */
export function launchChromiumServer(): Promise<{ wsEndpoint(): string; close(): Promise<void> }> {
  return playwright().chromium.launchServer(CHROMIUM);
}

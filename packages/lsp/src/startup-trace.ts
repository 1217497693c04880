import { appendFileSync } from 'node:fs';

/**
 * The editor's start, step by step, for bench/editor-first-impression.bench.mjs: with
 * SLIPWAY_STARTUP_TRACE naming a file, the extension and the language server it spawns (which
 * inherits the variable) each append one JSON line per step, `{"mark": …, "at": <Date.now()>}`,
 * on the clock the browser's timestamps use too. Unset (every real use), a mark costs one lookup.
 * Only the first time each mark is reached counts: later checks and restarts are not the start.
 */
const file = process.env.SLIPWAY_STARTUP_TRACE;
const seen = new Set<string>();

export function startupMark(mark: string, at: number = Date.now()): void {
  if (!file || seen.has(mark)) return;
  seen.add(mark);
  try {
    appendFileSync(file, `${JSON.stringify({ mark, at, pid: process.pid })}\n`);
  } catch {
    // A trace that cannot be written must not cost the editor its server.
  }
}

import { appendFileSync } from 'node:fs';

/**
 * The editor's start, step by step, for bench/editor-first-impression.bench.mjs: with
 * SLIPWAY_STARTUP_TRACE naming a file, the extension and the language server it spawns (which
 * inherits the variable) each append one JSON line per step, `{"mark": …, "at": <Date.now()>}`,
 * on the clock the browser's timestamps use too, with the process's CPU time so far (`cpuMs`): on
 * a busy machine a step's wall time is mostly waiting for a core. Unset (every real use), a mark
 * costs one lookup. Only the first time each mark is reached counts: later checks and restarts
 * are not the start.
 */
const file = process.env.SLIPWAY_STARTUP_TRACE;
const seen = new Set<string>();

/** `at`: a moment already past (VS Code's marks, the process's start), noted without CPU time. */
export function startupMark(mark: string, at?: number): void {
  if (!file || seen.has(mark)) return;
  seen.add(mark);
  const cpu = at === undefined ? process.cpuUsage() : undefined;
  const line = {
    mark,
    at: at ?? Date.now(),
    pid: process.pid,
    ...(cpu ? { cpuMs: Math.round((cpu.user + cpu.system) / 1000) } : {}),
  };
  try {
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  } catch {
    // A trace that cannot be written must not cost the editor its server.
  }
}

/** When this process started (the `performance` global loads perf_hooks: read only when tracing). */
export function startupMarkProcessStart(mark: string): void {
  if (file) startupMark(mark, Math.round(performance.timeOrigin));
}

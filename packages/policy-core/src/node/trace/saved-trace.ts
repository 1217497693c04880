import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { TraceReport } from '../../trace/report.js';
import { readTextIfExists, writeFileAtomic } from '../atomic-write.js';
import { discoverRoot, gitDirOfRoot } from '../git/discover-root.js';

/**
 * The last trace of a project, where the editor finds it: in the work tree's own git directory
 * (never the work tree: nothing to commit or ignore; a linked worktree has its own, as its files
 * may differ). The project at the work tree's top keeps `slipway/trace.json`; a project in a
 * folder of it (a monorepo's nested policy) keeps `slipway/traces/<folder, URI-encoded>.json`, so
 * two projects of one repository never overwrite each other's trace. The same JSON as
 * `slipway trace --format json`, its paths relative to the project.
 */
export function savedTracePath(
  root: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const top = discoverRoot(root, env);
  const gitDir = top === undefined ? undefined : gitDirOfRoot(top);
  if (top === undefined || gitDir === undefined) return undefined;
  const folder = relative(top, realpathSync.native(root));
  return folder === ''
    ? join(gitDir, 'slipway', 'trace.json')
    : join(gitDir, 'slipway', 'traces', `${encodeURIComponent(folder)}.json`);
}

/**
 * Writes the trace where the editor reads it, atomically (a hover never reads half a file).
 * Returns the path, or why it could not be written (the trace itself still stands).
 */
export function saveTrace(root: string, report: TraceReport): { path: string } | { error: string } {
  const path = savedTracePath(root);
  if (path === undefined)
    return { error: `${root} is not in a git work tree, so there is no git directory to keep the trace in` };
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
    return { path };
  } catch (err) {
    return {
      error: `cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    };
  }
}

/** Reads a saved trace; undefined when there is none or it is not one (hand-edited, older format). */
export function readSavedTrace(path: string): TraceReport | undefined {
  let value: unknown;
  try {
    const text = readTextIfExists(path);
    if (text === undefined) return undefined;
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = value as Partial<TraceReport> | null;
  const ok =
    typeof r?.ranAt === 'string' &&
    Array.isArray(r.statements) &&
    Array.isArray(r.findings) &&
    r.statements.every(
      (s) => typeof s?.file === 'string' && typeof s.sql === 'string' && Array.isArray(s.locks),
    );
  return ok ? (r as TraceReport) : undefined;
}

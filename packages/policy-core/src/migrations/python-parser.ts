import type { Tree } from '@lezer/common';

type LRParser = typeof import('@lezer/python')['parser'];

/**
 * The Python parser (@lezer/python), loaded on demand like the SQL parser: deserialising its
 * tables costs 10–15 ms at every start, and most runs (a paths-only policy, `--help`, the deploy
 * commands) never read a migration. Hosts `await initMigrationParsers()` (or this) once; after
 * that, parsing is synchronous.
 */

let parser: LRParser | undefined;
let loading: Promise<void> | undefined;

export function initPythonParser(): Promise<void> {
  loading ??= import('@lezer/python').then((mod) => {
    parser = mod.parser;
  });
  return loading;
}

export function isPythonParserReady(): boolean {
  return parser !== undefined;
}

/** A host that skipped initialisation is a programming error, said plainly. */
function notLoaded(): Error {
  return new Error(
    'the Python parser is not loaded: the host must `await initMigrationParsers()` before checking migrations',
  );
}

/**
 * The loaded parser (its node types; parse with `parsePythonText`).
 * @internal
 */
export function pythonParser(): LRParser {
  if (parser === undefined) throw notLoaded();
  return parser;
}

/**
 * Parses Python text with the loaded parser.
 * @internal
 */
export function parsePythonText(text: string): Tree {
  if (parser === undefined) throw notLoaded();
  return parser.parse(text);
}

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
    recent.clear();
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
 * The trees of the texts parsed last, newest last, up to RECENT_CHARS of text (the newest is kept
 * whatever its size). A check reads a migration's module first and builds the fixes of its
 * findings after every rule has run; each fix (lock_timeout first in upgrade, CONCURRENTLY, NOT
 * VALID) needs the tree again, and parsing the same text twice was half of a 160,000-op revision's
 * check (2.2 s of 7.9). A tree is immutable; the same text parses to the same tree.
 */
const recent = new Map<string, Tree>();
const RECENT_CHARS = 8 * 1024 * 1024;
let recentChars = 0;

/**
 * Parses Python text with the loaded parser.
 * @internal
 */
export function parsePythonText(text: string): Tree {
  if (parser === undefined) throw notLoaded();
  const known = recent.get(text);
  if (known !== undefined) {
    recent.delete(text);
    recent.set(text, known);
    return known;
  }
  const tree = parser.parse(text);
  recent.set(text, tree);
  recentChars += text.length;
  for (const [old] of recent) {
    if (recentChars <= RECENT_CHARS || old === text) break;
    recent.delete(old);
    recentChars -= old.length;
  }
  return tree;
}

import { initPythonParser } from '../migrations/python-parser.js';
import { initSqlParser } from '../migrations/sql-parser.js';
import type { PolicyDocument } from '../policy/document.js';
import { FILE_STATUSES, type CaseChangeInput } from './test-file-schema.js';

/**
 * Loads the migration parsers the cases will need, and no other: a run of cases about paths,
 * branches and labels never loads PostgreSQL's parser (its WASM is most of a small run's time).
 * A case needs them when a policy with `migrations:` meets a `.sql` or `.py` file in it, and the
 * case gives some file's text: a case without text runs only the families that judge a change
 * (run-case.ts), which never parse a migration, so its paths load nothing.
 */
export async function initParsersForCases(
  policies: readonly PolicyDocument[],
  changes: readonly CaseChangeInput[],
): Promise<void> {
  if (!policies.some((p) => p.policy.migrations)) return;
  let sql = false;
  let python = false;
  // A case's own policy text is not a file the families read (run-case.ts leaves it out of withText).
  const policyFiles = new Set(policies.map((p) => p.file));
  for (const change of changes.filter((c) => givesText(c, policyFiles)))
    for (const path of casePaths(change)) {
      if (path.endsWith('.sql')) sql = true;
      else if (path.endsWith('.py')) python = sql = true;
    }
  await Promise.all([sql ? initSqlParser() : undefined, python ? initPythonParser() : undefined]);
}

/**
 * Whether a case gives a file's text, so that run-case.ts runs every family on it: `unchanged:`
 * texts, or `contents:` of a file other than the policy under test (a rewritten policy alone is
 * judged by the change rules and POL).
 */
function givesText(change: CaseChangeInput, policyFiles: ReadonlySet<string>): boolean {
  if (Object.keys(change.unchanged ?? {}).length > 0) return true;
  return change.files.some((entry) => {
    if (typeof entry === 'string' || entry.contents === undefined) return false;
    const path = FILE_STATUSES.map((s) => entry[s]).find((p) => p !== undefined);
    return path === undefined || !policyFiles.has(path);
  });
}

function* casePaths(change: CaseChangeInput): Iterable<string> {
  for (const entry of change.files) {
    if (typeof entry === 'string') yield entry;
    else
      for (const s of [...FILE_STATUSES, 'from'] as const)
        if (entry[s] !== undefined) yield entry[s] as string;
  }
  yield* Object.keys(change.unchanged ?? {});
}

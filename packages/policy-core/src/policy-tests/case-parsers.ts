import { initPythonParser } from '../migrations/python-parser.js';
import { initSqlParser } from '../migrations/sql-parser.js';
import type { PolicyDocument } from '../policy/document.js';
import { FILE_STATUSES, type CaseChangeInput } from './test-file-schema.js';

/**
 * Loads the migration parsers the cases will need, and no other: a run of cases about paths,
 * branches and labels never loads PostgreSQL's parser (its WASM is most of a small run's time).
 * A case needs them when a policy with `migrations:` meets a `.sql` or `.py` file in it.
 */
export async function initParsersForCases(
  policies: readonly PolicyDocument[],
  changes: readonly CaseChangeInput[],
): Promise<void> {
  if (!policies.some((p) => p.policy.migrations)) return;
  let sql = false;
  let python = false;
  for (const change of changes)
    for (const path of casePaths(change)) {
      if (path.endsWith('.sql')) sql = true;
      else if (path.endsWith('.py')) python = sql = true;
    }
  await Promise.all([sql ? initSqlParser() : undefined, python ? initPythonParser() : undefined]);
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

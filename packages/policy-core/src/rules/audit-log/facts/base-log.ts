import { type ChangeSet, pathAtBase } from '../../../change-set.js';

/** The log at base, read where it was then: a rename in the change moved it to the path of today. */
export function baseLogText(change: ChangeSet, path: string): string | undefined {
  if (!change.readBase) return undefined;
  return change.readBase(pathAtBase(change, path));
}

/**
 * `text.startsWith(prefix)`, as V8 runs it fast: equality of a slice is a memory comparison, while
 * startsWith walks characters (3.7 MiB, a 10,000-entry log: ~0.08 ms against ~2 ms).
 */
export function startsWith(text: string, prefix: string): boolean {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the length test only saves the slice; a shorter text's slice is itself, never equal to the longer prefix
  return text.length >= prefix.length && text.slice(0, prefix.length) === prefix;
}

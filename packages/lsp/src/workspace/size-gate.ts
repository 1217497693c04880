import { LIMITS, megabytes, POLICY_FILES } from '@slipway/policy-core';

/**
 * The largest file the language server reads, in characters (a buffer) or bytes (a file on
 * disk, measured with `stat` before it is read). The core's readers refuse what is past their
 * own limits (limits.ts), but only once the text is in memory, and the rules have begun on it;
 * in the editor that is the whole server waiting: a 20 MB lock held every hover and completion
 * for half a second. So the server refuses the same sizes first, unread and unparsed.
 *
 * - `.py` and `.sql` files: the core's migration limits (32 MB and 16 MB);
 * - every other file: the requirements limit (16 MB), the largest file a person edits. The audit
 *   log, which `slipway check` reads up to 256 MB, is read here only up to this too: a log that
 *   size takes seconds to verify, which an editor cannot wait for on every keystroke.
 *
 * The policy file is exempt: its parser refuses more than 1 MB before parsing, with POL001.
 */
export const EDITOR_MAX_CHARS = LIMITS.requirements.chars;

export function sizeLimit(path: string): number {
  if (path.endsWith('.py')) return LIMITS.migration.chars;
  if (path.endsWith('.sql')) return LIMITS.sql.chars;
  return EDITOR_MAX_CHARS;
}

/** Whether the server reads a file of this size (`size` in characters or bytes). */
export function withinLimit(path: string, size: number): boolean {
  return size <= readLimit(path);
}

/** The most the server reads of this file: its limit, none for a policy file (see above). */
export function readLimit(path: string): number {
  return (POLICY_FILES as readonly string[]).includes(path) ? Number.POSITIVE_INFINITY : sizeLimit(path);
}

/** Why a refused file was not read: the size, the limit, and what to do. */
export function tooLargeMessage(path: string, size: number): string {
  return `${path} is ${megabytes(size)}, more than the ${megabytes(sizeLimit(path))} Slipway reads of one file in the editor, so the editor does not read or check it; split it, or keep it out of the repository`;
}

import type { TextEdit } from '../../../finding.js';
import type { LockEntry } from '../../../requirements/lock-file.js';
import type { RequirementEntry } from '../../../requirements/requirements-file.js';
import type { DepFile } from '../../../requirements/dep-file.js';
import { replaceEdit } from './where.js';

/**
 * Text edits on a requirements-style lock that keep everything else as it is: hashes, `# via`
 * blocks, comments, blank lines and order.
 */

/** The lock's line for a requirement: the requirement as written (it is pinned), nothing else. */
export function lockLineFor(req: RequirementEntry): string {
  return req.source.trim();
}

/** Offset of the start of the physical line holding `offset`. */
function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the "\n" that ends the line holding `offset` (or the text's end). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Inserts a line: before the first entry that sorts after it when the lock is sorted, else at the end. */
export function insertLockLine(lock: DepFile, key: string, line: string): TextEdit {
  const entries = lock.parsed.requirements.filter((r) => r.key !== undefined);
  const keys = entries.map((r) => r.key as string);
  const sorted = keys.every((k, i) => i === 0 || (keys[i - 1] as string) <= k);
  const text = lock.text;
  if (sorted) {
    const after = entries.find((r) => (r.key as string) > key);
    if (after) {
      const at = lineStartOf(text, after.line.start);
      return replaceEdit(lock, at, at, `${line}\n`);
    }
  }
  const end = text.length;
  const needsNewline = end > 0 && !text.endsWith('\n');
  return replaceEdit(lock, end, end, `${needsNewline ? '\n' : ''}${line}\n`);
}

/** Removes an entry's physical lines and the indented comment lines (`# via …`) right below it. */
export function deleteLockEntry(lock: DepFile, entry: LockEntry): TextEdit | undefined {
  const req = entry.req;
  if (!req) return undefined;
  const text = lock.text;
  const start = lineStartOf(text, req.line.start);
  let end = nextLineStart(text, req.line.end);
  for (;;) {
    const next = nextLineStart(text, end);
    const line = text.slice(end, next);
    if (next > end && /^[ \t]+#/.test(line)) end = next;
    else break;
  }
  return replaceEdit(lock, start, end, '');
}

/** Replaces the lock entry's requirement text (name to marker), keeping its options and hashes. */
export function replaceLockRequirement(
  lock: DepFile,
  entry: LockEntry,
  newText: string,
): TextEdit | undefined {
  if (!entry.req) return undefined;
  return replaceEdit(lock, entry.req.start, entry.req.end, newText);
}

/** Replaces the requirement and drops its `--hash` options (they belong to the old version). */
export function replaceLockRequirementDroppingHashes(
  lock: DepFile,
  entry: LockEntry,
  newText: string,
): TextEdit | undefined {
  const req = entry.req;
  if (!req) return undefined;
  return replaceEdit(lock, req.start, req.line.end, newText);
}

/** The lock entry's requirement with the requirement's extras and marker, keeping its own name and version. */
export function withExtrasAndMarker(
  lock: DepFile,
  entry: LockEntry,
  req: RequirementEntry,
): string | undefined {
  const l = entry.req;
  if (l?.kind !== 'pep508') return undefined;
  const name = lock.text.slice(l.nameStart, l.nameEnd);
  const spec = l.specEnd > l.specStart ? lock.text.slice(l.specStart, l.specEnd) : '';
  const extras = req.extras.length ? `[${req.extras.join(',')}]` : '';
  const marker = req.markerText ? ` ; ${req.markerText}` : '';
  return name + extras + spec + marker;
}

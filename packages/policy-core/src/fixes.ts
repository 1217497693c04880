import type { Range } from './finding.js';
import { LineIndex } from './text-position.js';

/** The part of a TextEdit `applyFixes` needs (the file is chosen by the caller). */
export interface RangeEdit {
  range: Range;
  newText: string;
}

export interface AppliedEdits {
  text: string;
  applied: number;
  /** Edits left out because they overlapped one applied before them (in document order). */
  skipped: number;
  /** Their places in the list given (a caller that groups edits by finding counts what it fixed). */
  skippedEdits: number[];
}

/**
 * Applies text edits to one file's text. Edits are taken in document order (ties keep their
 * given order); an edit that overlaps one already taken is skipped, so applying the fixes of
 * several findings at once never garbles a line. Two insertions at the same point both apply.
 */
export function applyEditsDetailed(text: string, edits: readonly RangeEdit[]): AppliedEdits {
  const index = new LineIndex(text);
  const spans = edits
    .map((e, order) => ({
      start: index.offset(e.range.start),
      end: index.offset(e.range.end),
      text: e.newText,
      order,
    }))
    .map((s) => (s.end < s.start ? { ...s, end: s.start } : s))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let pos = 0;
  let applied = 0;
  const skippedEdits: number[] = [];
  for (const s of spans) {
    if (s.start < pos) {
      skippedEdits.push(s.order);
      continue;
    }
    out += text.slice(pos, s.start) + s.text;
    pos = s.end;
    applied++;
  }
  return { text: out + text.slice(pos), applied, skipped: skippedEdits.length, skippedEdits };
}

/** `applyEditsDetailed(...).text`. */
export function applyFixes(text: string, edits: readonly RangeEdit[]): string {
  return applyEditsDetailed(text, edits).text;
}

import type { PatchHunk, ReplaceEdit } from './tool-call.js';

/**
 * A file's text after an agent's replacements (Claude's Edit and MultiEdit, Gemini's replace),
 * applied in order as the tool applies them: each `oldText` must be there (once, unless
 * `replaceAll`). Undefined when one is not: the tool then fails and writes nothing. An empty
 * `oldText` on a missing file creates it (Claude's Edit does).
 */
export function applyReplaceEdits(
  text: string | undefined,
  edits: readonly ReplaceEdit[],
): string | undefined {
  let out = text;
  for (const e of edits) {
    if (out === undefined) {
      if (e.oldText !== '') return undefined;
      out = e.newText;
      continue;
    }
    if (e.oldText === '') return undefined;
    const at = out.indexOf(e.oldText);
    if (at === -1) return undefined;
    if (e.replaceAll) out = out.split(e.oldText).join(e.newText);
    else if (out.indexOf(e.oldText, at + e.oldText.length) !== -1) return undefined;
    else out = out.slice(0, at) + e.newText + out.slice(at + e.oldText.length);
  }
  return out;
}

/**
 * A file's text after a patch's hunks (Codex's apply_patch): each hunk's context and removed
 * lines are found in order after the previous hunk (trailing white space ignored, as the tool
 * does when an exact match fails), then replaced by its context and added lines. Undefined when
 * a hunk does not apply: the tool then fails and writes nothing.
 */
export function applyHunks(text: string, hunks: readonly PatchHunk[]): string | undefined {
  const endsWithNewline = text.endsWith('\n');
  const lines = text.split('\n');
  if (endsWithNewline) lines.pop();
  let cursor = 0;
  const out: string[] = [];
  for (const hunk of hunks) {
    const old = hunk.lines.filter((l) => l.kind !== 'add').map((l) => l.text);
    const replacement = hunk.lines.filter((l) => l.kind !== 'remove').map((l) => l.text);
    const at = hunk.endOfFile ? lastMatch(lines, old, cursor) : firstMatch(lines, old, cursor);
    if (at === -1) return undefined;
    for (let i = cursor; i < at; i++) out.push(lines[i] as string);
    out.push(...replacement);
    cursor = at + old.length;
  }
  for (let i = cursor; i < lines.length; i++) out.push(lines[i] as string);
  return out.join('\n') + (endsWithNewline || out.length > 0 ? '\n' : '');
}

function same(a: string, b: string): boolean {
  return a === b || a.trimEnd() === b.trimEnd();
}

function matchesAt(lines: readonly string[], old: readonly string[], at: number): boolean {
  for (let j = 0; j < old.length; j++) if (!same(lines[at + j] as string, old[j] as string)) return false;
  return true;
}

function firstMatch(lines: readonly string[], old: readonly string[], from: number): number {
  for (let i = from; i + old.length <= lines.length; i++) if (matchesAt(lines, old, i)) return i;
  return -1;
}

function lastMatch(lines: readonly string[], old: readonly string[], from: number): number {
  const at = lines.length - old.length;
  return at >= from && matchesAt(lines, old, at) ? at : -1;
}

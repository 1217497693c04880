/**
 * A file's text after a patch's hunks, placed where Codex's apply_patch places them: openai/codex
 * `codex-rs/apply-patch/src/lib.rs` (`compute_replacements`, `apply_replacements`,
 * `derive_new_contents_from_contents`) and `seek_sequence.rs` @71163530. The gate judges the text
 * Codex writes, so a hunk lands where Codex puts it, not where a simpler reading would: after its
 * `@@ anchor` line, at the first exact match before any looser one, a hunk of added lines only
 * at the file's end.
 */
import { rustTrim, rustTrimEnd } from './apply-patch.js';
import type { PatchHunk } from './tool-call.js';

/** One replacement: `length` lines from `start` become `lines`. */
interface Replacement {
  start: number;
  length: number;
  lines: string[];
}

/** The text after the hunks, or undefined when one does not apply (Codex then writes nothing). */
export function applyHunks(text: string, hunks: readonly PatchHunk[]): string | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const replacements = placed(new Lines(lines), hunks);
  if (replacements === undefined) return undefined;
  // Stable, as Rust's sort_by is; applied from the last so that earlier starts stay put.
  replacements.sort((a, b) => a.start - b.start);
  for (const r of [...replacements].reverse()) lines.splice(r.start, r.length, ...r.lines);
  if (lines[lines.length - 1] !== '') lines.push('');
  return lines.join('\n');
}

/** The file's lines, and each pass's reading of them, made once for all the hunks. */
class Lines {
  readonly #views: (readonly string[] | undefined)[] = [];
  constructor(readonly all: readonly string[]) {}
  get length(): number {
    return this.all.length;
  }
  last(): string | undefined {
    return this.all[this.all.length - 1];
  }
  view(pass: number): readonly string[] {
    this.#views[pass] ??= this.all.map(PASSES[pass] as (line: string) => string);
    return this.#views[pass];
  }
}

function placed(lines: Lines, hunks: readonly PatchHunk[]): Replacement[] | undefined {
  const out: Replacement[] = [];
  let from = 0;
  for (const hunk of hunks) {
    if (hunk.anchor !== undefined) {
      const at = seekSequence(lines, [hunk.anchor], from, false);
      if (at === undefined) return undefined;
      from = at + 1;
    }
    let old = hunk.lines.filter((l) => l.kind !== 'add').map((l) => l.text);
    let added = hunk.lines.filter((l) => l.kind !== 'remove').map((l) => l.text);
    if (old.length === 0) {
      // Added lines only: at the end, before a last empty line (the file ended in two newlines).
      const at = lines.last() === '' ? lines.length - 1 : lines.length;
      out.push({ start: at, length: 0, lines: added });
      continue;
    }
    const eof = hunk.endOfFile === true;
    let at = seekSequence(lines, old, from, eof);
    // A last empty old line stands for the file's final newline: tried again without it.
    if (at === undefined && old[old.length - 1] === '') {
      old = old.slice(0, -1);
      if (added[added.length - 1] === '') added = added.slice(0, -1);
      at = seekSequence(lines, old, from, eof);
    }
    if (at === undefined) return undefined;
    out.push({ start: at, length: old.length, lines: added });
    from = at + old.length;
  }
  return out;
}

/**
 * Where `pattern` first occurs at or after `start` (with `eof`, only at the file's end): exact,
 * else with trailing white space ignored, else with both ends', else with typographic dashes,
 * quotes and spaces read as ASCII. Each pass looks at every place before the next is tried.
 */
function seekSequence(
  lines: Lines,
  pattern: readonly string[],
  start: number,
  eof: boolean,
): number | undefined {
  if (pattern.length === 0) return start;
  if (pattern.length > lines.length) return undefined;
  const first = eof ? lines.length - pattern.length : start;
  for (const [n, pass] of PASSES.entries()) {
    const at = firstOccurrence(lines.view(n), pattern.map(pass), first);
    if (at !== undefined) return at;
  }
  return undefined;
}

/**
 * The first index at or after `from` where `sought` stands in `seen`, line for line: Knuth–Morris–
 * Pratt, linear in both. Codex's own loop tries each place afresh (lines × pattern), and a patch
 * of 8,000 repeated context lines took 0.7 s so, growing fourfold with each doubling: past the
 * agent's hook timeout, which lets the call run.
 */
function firstOccurrence(
  seen: readonly string[],
  sought: readonly string[],
  from: number,
): number | undefined {
  // back[j]: the length of the longest proper prefix of sought[0..j] that is also its suffix.
  const back = new Array<number>(sought.length).fill(0);
  for (let j = 1, k = 0; j < sought.length; j++) {
    while (k > 0 && sought[j] !== sought[k]) k = back[k - 1] as number;
    if (sought[j] === sought[k]) k++;
    back[j] = k;
  }
  for (let i = from, k = 0; i < seen.length; i++) {
    while (k > 0 && seen[i] !== sought[k]) k = back[k - 1] as number;
    if (seen[i] === sought[k]) k++;
    if (k === sought.length) return i - sought.length + 1;
  }
  return undefined;
}

const PASSES: ((line: string) => string)[] = [
  (line) => line,
  rustTrimEnd,
  rustTrim,
  (line) => rustTrim(line).replace(TYPOGRAPHIC, (c) => ASCII[c] ?? c),
];

const TYPOGRAPHIC = /[\u2010-\u2015\u2212\u2018-\u201f\u00a0\u2002-\u200a\u202f\u205f\u3000]/g;
const ASCII: Record<string, string> = {
  ...Object.fromEntries([...'\u2010\u2011\u2012\u2013\u2014\u2015\u2212'].map((c) => [c, '-'])),
  ...Object.fromEntries([...'\u2018\u2019\u201a\u201b'].map((c) => [c, "'"])),
  ...Object.fromEntries([...'\u201c\u201d\u201e\u201f'].map((c) => [c, '"'])),
  ...Object.fromEntries(
    [...'\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000'].map((c) => [
      c,
      ' ',
    ]),
  ),
};

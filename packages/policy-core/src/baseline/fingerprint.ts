import { compareFindings, type Finding } from '../finding.js';
import type { BaselineEntry } from './baseline-file.js';

/**
 * A finding's fingerprint: what it flags, not where. The hash covers the flagged lines and the
 * nearest non-blank line above and below, each trimmed with runs of white space made one
 * space, so lines inserted above (or blank lines anywhere near) leave it as it was, while an
 * edit to the flagged statement or its neighbours makes the finding new. The rule and the file
 * stay outside the hash, as fields of their own: a fingerprint can only ever stand for a finding
 * of its own rule in its own file. Identical fingerprints in one file are told apart by an
 * occurrence counter, in the order they stand in the file, so that copying an accepted line
 * makes one new finding rather than a second accepted one.
 */

/** How far a flagged range and the search for a neighbour reach: bounded, so fingerprinting stays linear. */
const MAX_FLAGGED_LINES = 20;
const MAX_NEIGHBOUR_SEARCH = 50;
/** 128 bits of SHA-256: no one finds a second text with an accepted fingerprint. */
const HASH_HEX = 32;

export type Sha256 = (text: string) => string;

/**
 * Fingerprints for findings, with their occurrence counters; `entries[i]` is `findings[i]`'s.
 * With `inFiles`, only findings in the files it accepts are fingerprinted (the others' entries
 * are left out): matching skips files the baseline says nothing about, which is where a new
 * finding usually is. Occurrences count within a file, so skipping whole files changes no count.
 */
export function fingerprintFindings(
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined,
  sha256: Sha256,
  inFiles?: (file: string) => boolean,
): (BaselineEntry | undefined)[] {
  // Occurrences count in file order, whatever order the findings came in (the engine's are
  // sorted already: one pass says so, and the sort is skipped).
  const order = findings.map((_, i) => i);
  if (!isSorted(findings))
    order.sort((a, b) => compareFindings(findings[a] as Finding, findings[b] as Finding));
  const entries = new Array<BaselineEntry | undefined>(findings.length);
  const lines = new Map<string, FileLines | undefined>();
  const seen = new Map<string, Map<string, number>>();
  for (const i of order) {
    const f = findings[i] as Finding;
    if (inFiles && !inFiles(f.file)) continue;
    let fileLines = lines.get(f.file);
    if (!lines.has(f.file)) {
      const text = textOf(f.file);
      fileLines = text === undefined ? undefined : new FileLines(text);
      lines.set(f.file, fileLines);
    }
    // A file that cannot be read (gone, or never a file) is fingerprinted by what the finding says.
    const fingerprint = fileLines
      ? fileLines.hashOf(flaggedSpan(fileLines, f), sha256)
      : sha256(`\u0000${f.message}`).slice(0, HASH_HEX);
    // Counted file by file: a key with the path in it would be a long string per finding.
    let inFile = seen.get(f.file);
    if (!inFile) {
      inFile = new Map();
      seen.set(f.file, inFile);
    }
    const key = `${f.rule}\u0000${fingerprint}`;
    const occurrence = (inFile.get(key) ?? 0) + 1;
    inFile.set(key, occurrence);
    entries[i] = { rule: f.rule, file: f.file, fingerprint, occurrence };
  }
  return entries;
}

/**
 * A file's lines, each normalised once when first asked for: neighbouring findings share their
 * lines, and on a file of findings every line would otherwise be normalised three times.
 */
class FileLines {
  private readonly raw: string[];
  private readonly done: (string | undefined)[];
  constructor(text: string) {
    this.raw = text.split('\n');
    this.done = new Array(this.raw.length);
  }
  /**
   * Each span's hash, once: findings on the same lines share it. A policy whose 6,000 patterns sit
   * on one line of 130 KB has a finding for each unused one, and hashed that line 6,000 times.
   */
  private readonly hashes = new Map<number, string>();
  get length(): number {
    return this.raw.length;
  }
  hashOf([start, end]: [number, number], sha256: Sha256): string {
    const key = start * (MAX_FLAGGED_LINES + 1) + (end - start);
    let hash = this.hashes.get(key);
    if (hash === undefined) {
      hash = sha256(lineContext(this, start, end)).slice(0, HASH_HEX);
      this.hashes.set(key, hash);
    }
    return hash;
  }
  at(l: number): string {
    let t = this.done[l];
    if (t === undefined) {
      t = normalise(this.raw[l] ?? '');
      this.done[l] = t;
    }
    return t;
  }
}

/** The lines a finding flags, first and last: at most MAX_FLAGGED_LINES of them. */
function flaggedSpan(lines: FileLines, f: Pick<Finding, 'range'>): [number, number] {
  const start = Math.max(0, Math.min(f.range.start.line, lines.length - 1));
  let end = Math.max(start, Math.min(f.range.end.line, lines.length - 1));
  // A range that ends at the start of a line does not flag that line.
  if (end > start && f.range.end.character === 0) end--;
  return [start, Math.min(end, start + MAX_FLAGGED_LINES - 1)];
}

/** The text hashed: the non-blank neighbour above, the flagged lines, the one below, normalised. */
function lineContext(lines: FileLines, start: number, end: number): string {
  let text = neighbour(lines, start, -1);
  for (let l = start; l <= end; l++) text += `\n${lines.at(l)}`;
  return `${text}\n${neighbour(lines, end, 1)}`;
}

function neighbour(lines: FileLines, from: number, step: 1 | -1): string {
  for (let n = 1, l = from + step; n <= MAX_NEIGHBOUR_SEARCH && l >= 0 && l < lines.length; n++, l += step) {
    const text = lines.at(l);
    if (text !== '') return text;
  }
  return '';
}

/** Trimmed, each run of white space one space; most lines have none to fold, and skip the replace. */
function normalise(line: string): string {
  const t = line.trim();
  return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, ' ') : t;
}

function isSorted(findings: readonly Finding[]): boolean {
  for (let i = 1; i < findings.length; i++)
    if (compareFindings(findings[i - 1] as Finding, findings[i] as Finding) > 0) return false;
  return true;
}

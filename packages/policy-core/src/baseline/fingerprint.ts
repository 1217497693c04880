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

/** Fingerprints for findings, with their occurrence counters; `entries[i]` is `findings[i]`'s. */
export function fingerprintFindings(
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined,
  sha256: Sha256,
): BaselineEntry[] {
  // Occurrences count in file order, whatever order the findings came in (the engine's are
  // sorted already: one pass says so, and the sort is skipped).
  const order = findings.map((_, i) => i);
  if (!isSorted(findings))
    order.sort((a, b) => compareFindings(findings[a] as Finding, findings[b] as Finding));
  const entries = new Array<BaselineEntry>(findings.length);
  const lines = new Map<string, string[] | undefined>();
  const seen = new Map<string, Map<string, number>>();
  for (const i of order) {
    const f = findings[i] as Finding;
    let fileLines = lines.get(f.file);
    if (!lines.has(f.file)) {
      fileLines = textOf(f.file)?.split('\n');
      lines.set(f.file, fileLines);
    }
    // A file that cannot be read (gone, or never a file) is fingerprinted by what the finding says.
    const fingerprint = sha256(fileLines ? lineContext(fileLines, f) : `\u0000${f.message}`).slice(
      0,
      HASH_HEX,
    );
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

/** The text hashed: the non-blank neighbour above, the flagged lines, the one below, normalised. */
export function lineContext(lines: readonly string[], f: Pick<Finding, 'range'>): string {
  const start = Math.max(0, Math.min(f.range.start.line, lines.length - 1));
  let end = Math.max(start, Math.min(f.range.end.line, lines.length - 1));
  // A range that ends at the start of a line does not flag that line.
  if (end > start && f.range.end.character === 0) end--;
  end = Math.min(end, start + MAX_FLAGGED_LINES - 1);
  const parts = [neighbour(lines, start, -1)];
  for (let l = start; l <= end; l++) parts.push(normalise(lines[l] ?? ''));
  parts.push(neighbour(lines, end, 1));
  return parts.join('\n');
}

function neighbour(lines: readonly string[], from: number, step: 1 | -1): string {
  for (let n = 1, l = from + step; n <= MAX_NEIGHBOUR_SEARCH && l >= 0 && l < lines.length; n++, l += step) {
    const text = normalise(lines[l] as string);
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

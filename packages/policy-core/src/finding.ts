import { groupBy } from './group-by.js';

/**
 * The Finding model: what every rule returns and every output renders.
 * Positions are 0-based lines and UTF-16 characters (the LSP convention); outputs that print
 * 1-based lines and columns convert at the edge.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  /** Repo-relative POSIX path of the file the edit applies to. */
  file: string;
  range: Range;
  newText: string;
  /**
   * The edit writes a new file, `newText` whole (at 0:0): a fix that adds a migration (MIG025's
   * VALIDATE in one of its own). Applied only while no such file exists.
   */
  create?: true;
}

export interface Fix {
  /** What the fix does, as a quick-fix title: "Pin to 2.31.0 (the lock's version)". */
  title: string;
  edits: TextEdit[];
  /**
   * One way among others, for a person to choose (an editor's code action): `check --fix`
   * applies a finding's fix only when exactly one of its fixes is not a choice.
   */
  choice?: true;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  /** Stable rule id, e.g. "MIG001". */
  rule: string;
  severity: Severity;
  /** One sentence: what is wrong, then what to do. */
  message: string;
  /** Repo-relative, POSIX separators; for commit/branch/database findings, the policy file. */
  file: string;
  range: Range;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /**
   * Set on the one finding that stands for the rest of a rule's findings in a file past the cap
   * (finding-cap.ts): how many it stands for, so that a count per rule counts them all.
   */
  unlisted?: number;
  /**
   * A database finding (the DB rules): the configured databases it is about, the first one's
   * policy line being where it points. The database audit files it under each of them.
   */
  databases?: string[];
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** Range covering [start, end) character offsets of one line. */
export function lineRange(line: number, startChar = 0, endChar = startChar): Range {
  return range(line, startChar, line, endChar);
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable output order: file, then position, then rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.character !== b.range.start.character)
    return a.range.start.character - b.range.start.character;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/** Findings by file, each file's in the order given (the editor publishes per file, the terminal prints per file). */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  return groupBy(findings, (f) => f.file);
}

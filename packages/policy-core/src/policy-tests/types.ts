import type { Finding, Range } from '../finding.js';
import type { PolicyPath } from '../policy/document.js';
import type { CaseChangeInput } from './test-file-schema.js';

/** One finding a case must get, as written: `RULE`, `RULE path` or `RULE path:line`. */
export interface ExpectedFinding {
  /** As written in the file. */
  spec: string;
  rule: string;
  file?: string;
  /** 1-based, as the runner prints it. */
  line?: number;
  /** Where it is written, under its case (`['expect', 'findings', 0]`). */
  path: PolicyPath;
}

export interface CaseExpectation {
  /** The exit `slipway check` would give: 0, 1 (an error finding), 2 (the change's policy is invalid). */
  exit?: 0 | 1 | 2;
  /** Every finding the case must get, no more; absent: not compared. */
  findings?: ExpectedFinding[];
}

/** A case as read from its file: the change, the verdict it must get, and where it is written. */
export interface PolicyTestCase {
  name: string;
  /** The test file it is written in (repository-relative). */
  file: string;
  /** Its `name:` value: where a runner or editor points at the case. */
  range: Range;
  change: CaseChangeInput;
  expect: CaseExpectation;
  /** The range of a key or value under the case (`['expect', 'exit']`). */
  locate(path: PolicyPath, part?: 'key' | 'value'): Range;
}

export interface PolicyTestFile {
  file: string;
  text: string;
  cases: PolicyTestCase[];
}

/** Why a test file cannot be run, at its place: the CLI prints `file:line:col: message`. */
export interface TestFileProblem {
  file: string;
  range: Range;
  message: string;
}

/** `file:line:col: message`, as the CLI prints a problem of a test file. */
export function problemLine(p: TestFileProblem): string {
  return `${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`;
}

/** What the check says about a case's change: its exit and the findings about the change. */
export interface CaseVerdict {
  exit: 0 | 1 | 2;
  findings: Finding[];
}

/** A starter case: the change, and the verdict the policy gave it when it was written. */
export interface StarterCase {
  name: string;
  change: CaseChangeInput;
  verdict: CaseVerdict;
}

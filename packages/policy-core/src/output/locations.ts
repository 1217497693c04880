import type { Range } from '../finding.js';

/** A range as outputs print it: 1-based lines and columns, endColumn exclusive (SARIF's rule). */
export interface PrintedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function printedRange(r: Range): PrintedRange {
  return {
    line: r.start.line + 1,
    column: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

/** What a trace test reads of `slipway trace --format json`. */
export interface TraceReport {
  statements: {
    file: string;
    line: number;
    sql: string;
    error?: string;
    locks?: { mode: string; relation: string }[];
  }[];
  notTraced: { file: string; line: number; reason: string }[];
  summary: { causes: { cause: string; notTraced: number; followOns?: number }[] };
}

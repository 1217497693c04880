import type { Finding } from '../finding.js';

/**
 * One file's findings by rule and line, for each `slipway: allow` comment to find those it covers
 * without reading all of them: a file of 8,000 allowed DROP TABLEs has 8,000 comments and 8,000
 * findings, and a scan of the findings per comment is 64 million tests.
 */
export class FindingsByLine {
  private readonly byStart = new Map<string, number[]>();
  private byRelated?: Map<string, number[]>;

  constructor(
    private readonly file: string,
    private readonly findings: readonly Finding[],
  ) {
    for (const [i, f] of findings.entries()) add(this.byStart, keyOf(f.rule, f.range.start.line), i);
  }

  /**
   * The findings of `rule` that start on `line` or, for an `embedded` comment (one in a string a
   * finding's statement is read from), that point at that line of this file through `related`:
   * in the order the findings came.
   */
  on(rule: string, line: number, embedded: boolean): Finding[] {
    const key = keyOf(rule, line);
    const starting = this.byStart.get(key) ?? [];
    const through = embedded ? (this.related().get(key) ?? []) : [];
    const picked = through.length === 0 ? starting : union(starting, through);
    return picked.map((i) => this.findings[i] as Finding);
  }

  private related(): Map<string, number[]> {
    if (this.byRelated) return this.byRelated;
    this.byRelated = new Map();
    for (const [i, f] of this.findings.entries())
      for (const r of f.related ?? [])
        if (r.file === this.file) add(this.byRelated, keyOf(f.rule, r.range.start.line), i);
    return this.byRelated;
  }
}

const keyOf = (rule: string, line: number) => `${rule}\0${line}`;

/** Adds finding `i` under `key` once (two related entries on one line name it once). */
function add(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/** Two ascending lists of indexes as one, ascending, each index once. */
function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const y = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const next = Math.min(x, y);
    out.push(next);
    if (x === next) i++;
    if (y === next) j++;
  }
  return out;
}

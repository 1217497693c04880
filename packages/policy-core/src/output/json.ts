import type { CheckScope } from '../check-scope.js';
import { type CoverageReport, coverageReport } from '../layouts/coverage-report.js';
import type { Finding } from '../finding.js';
import { jsonText } from './json-text.js';
import { printedRange } from './locations.js';
import { type Summary, summarize } from './summary.js';

/** The stable `--format json` contract. Other tools read it: change only additively. */
export interface JsonReport {
  version: 1;
  findings: JsonFinding[];
  summary: Summary;
  /** What was judged and what deliberately was not (check-scope.ts); present when the host knows. */
  scope?: JsonScope;
}

export interface JsonScope {
  judged: CheckScope['judged'];
  notJudged: { what: string; count: number; reason: string; files: string[] }[];
  notes: string[];
  /** The findings baseline applied, when there was one: how many findings it accepted, how many entries matched nothing. */
  baseline?: { file: string; from: 'base' | 'head' | 'tree' | 'checkout'; baselined: number; stale: number };
  /** What each family read and the layouts seen and not judged (coverage/), with the text report's coverage line. */
  coverage?: CoverageReport;
}

export interface JsonFinding {
  rule: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Always present (empty when none), as the README's contract shows. */
  related: {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    message: string;
  }[];
  /** Always present (empty when none). */
  fixes: {
    title: string;
    edits: {
      file: string;
      line: number;
      column: number;
      endLine: number;
      endColumn: number;
      newText: string;
      /** Additive, only when true: the edit writes a new file (`newText` whole), never over one. */
      create?: true;
    }[];
    /** Additive, only when true: one way among others, which `check --fix` does not apply. */
    choice?: true;
  }[];
}

export function toJsonReport(
  findings: readonly Finding[],
  filesChecked: number,
  scope?: CheckScope,
): JsonReport {
  const report: JsonReport = {
    version: 1,
    findings: findings.map((f) => {
      const out: JsonFinding = {
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        file: f.file,
        ...printedRange(f.range),
        related: (f.related ?? []).map((r) => ({
          file: r.file,
          ...printedRange(r.range),
          message: r.message,
        })),
        fixes: (f.fixes ?? []).map((x) => ({
          title: x.title,
          edits: x.edits.map((e) => ({
            file: e.file,
            ...printedRange(e.range),
            newText: e.newText,
            ...(e.create ? { create: true as const } : {}),
          })),
          ...(x.choice ? { choice: true as const } : {}),
        })),
      };
      return out;
    }),
    summary: summarize(findings, filesChecked),
  };
  const b = scope?.baseline;
  // Additive: `baselined` appears only where a baseline was read, so older readers see nothing new.
  if (b) report.summary.baselined = b.findings.length;
  if (scope)
    report.scope = {
      judged: scope.judged,
      notJudged: scope.notJudged.map((n) => ({ ...n, count: n.files.length })),
      notes: scope.notes,
      ...(b
        ? { baseline: { file: b.file, from: b.from, baselined: b.findings.length, stale: b.stale } }
        : {}),
      ...(scope.coverage ? { coverage: coverageReport(scope.coverage) } : {}),
    };
  return report;
}

export function renderJson(findings: readonly Finding[], filesChecked: number, scope?: CheckScope): string {
  return `${jsonText(toJsonReport(findings, filesChecked, scope))}\n`;
}

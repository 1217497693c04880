import {
  type CaseOutcome,
  type CaseVerdict,
  type Finding,
  findingSpec,
  printable,
  type VerdictChange,
} from '@slipway/policy-core';
import type { Paint } from './terminal-style.js';

/** The policy change `--base` compared: where the base's policy was read, and what moved. */
export interface PolicyChangeReport {
  /** `--base` as given. */
  baseName: string;
  mergeBase: string;
  /** Why there was nothing to compare (the base has no policy), instead of `changes`. */
  note?: string;
  changes: VerdictChange[];
}

const line1 = (o: CaseOutcome) => `${o.case.file}:${o.case.range.start.line + 1}`;
const findingLine = (f: Finding) =>
  `${findingSpec(f)}${f.range.start.line > 0 ? `:${f.range.start.line + 1}` : ''}`;

/** Like a test runner: each file, ✓/✗ per case, the difference of a failing one, a summary. */
export function renderTestText(
  outcomes: readonly CaseOutcome[],
  paint: Paint,
  totalMs: number,
  policyChange?: PolicyChangeReport,
): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const o of outcomes) {
    if (o.case.file !== file) {
      file = o.case.file;
      if (out.length) out.push('');
      out.push(paint('bold', printable(file)));
    }
    const mark = o.passed ? paint('green', '✓') : paint('red', '✗');
    // Case names, files, errors and messages are the repository's text: printable, so that only
    // the report's own colours reach the terminal.
    out.push(
      `  ${mark} ${printable(o.case.name)}${o.passed ? '' : paint('dim', `  (${printable(line1(o))})`)}`,
    );
    if (!o.passed) out.push(...failureLines(o, paint));
  }
  if (policyChange) out.push('', ...policyChangeLines(policyChange, paint));
  const failed = outcomes.filter((o) => !o.passed).length;
  const passed = outcomes.length - failed;
  const counts = [
    paint(failed ? 'red' : 'green', `${passed} passed`),
    ...(failed ? [paint('red', `${failed} failed`)] : []),
  ].join(', ');
  out.push(
    '',
    `${outcomes.length} case${outcomes.length === 1 ? '' : 's'}: ${counts} (${Math.round(totalMs)} ms)`,
  );
  return `${out.join('\n')}\n`;
}

function failureLines(o: CaseOutcome, paint: Paint): string[] {
  const pad = '      ';
  if (o.error) return [`${pad}${paint('red', `no verdict: ${printable(o.error)}`)}`];
  const out: string[] = [];
  if (o.exit) out.push(`${pad}exit: expected ${o.exit.expected}, got ${o.exit.got}`);
  if (o.missing.length || o.unexpected.length) {
    out.push(`${pad}findings (${paint('red', '- expected')}, ${paint('green', '+ got')}):`);
    for (const m of o.missing) out.push(`${pad}  ${paint('red', `- ${printable(m.spec)}`)}`);
    for (const f of o.unexpected) {
      out.push(`${pad}  ${paint('green', `+ ${printable(findingLine(f))}`)}  ${paint('dim', f.severity)}`);
      out.push(`${pad}      ${paint('dim', printable(f.message))}`);
    }
  } else if (o.exit && o.got.findings.length) {
    out.push(`${pad}findings got:`);
    for (const f of o.got.findings)
      out.push(`${pad}    ${printable(`${findingLine(f)}  `)}${paint('dim', printable(f.message))}`);
  }
  return out;
}

function policyChangeLines(report: PolicyChangeReport, paint: Paint): string[] {
  const head = printable(
    `Policy change since ${report.baseName} (merge base ${report.mergeBase.slice(0, 12)})`,
  );
  if (report.note) return [paint('bold', head), `  ${printable(report.note)}`];
  const { changes } = report;
  if (changes.length === 0)
    return [
      paint('bold', head),
      "  no case's verdict moved: the head's policy judges every case as the base's did",
    ];
  const out = [paint('bold', `${head}: ${changes.length} verdict${changes.length === 1 ? '' : 's'} moved`)];
  for (const c of changes) {
    const style = c.shift === 'loosened' ? 'red' : c.shift === 'tightened' ? 'yellow' : 'cyan';
    const whose =
      c.from === 'base'
        ? "the base's case; the head no longer has it"
        : c.from === 'head'
          ? "the head's new case"
          : '';
    out.push(
      `  ${paint(style, c.shift.padEnd(9))} ${printable(c.case.name)}${whose ? paint('dim', `  (${whose})`) : ''}`,
    );
    out.push(printable(`      under the base's policy: ${verdictText(c.base)}`));
    out.push(printable(`      under the head's policy: ${verdictText(c.head)}`));
  }
  return out;
}

function verdictText(v: CaseVerdict): string {
  const findings = v.findings.map(findingSpec);
  return `exit ${v.exit}${findings.length ? `, ${findings.join(', ')}` : ', no findings'}`;
}

/** `--format json`: every case with what it expected and got, and the policy change's verdicts. */
export function renderTestJson(
  policyFile: string,
  outcomes: readonly CaseOutcome[],
  totalMs: number,
  policyChange?: PolicyChangeReport,
): string {
  const failed = outcomes.filter((o) => !o.passed).length;
  const data = {
    version: 1,
    policy: policyFile,
    summary: { cases: outcomes.length, passed: outcomes.length - failed, failed, ms: Math.round(totalMs) },
    cases: outcomes.map((o) => ({
      file: o.case.file,
      line: o.case.range.start.line + 1,
      name: o.case.name,
      passed: o.passed,
      expected: {
        ...(o.case.expect.exit !== undefined ? { exit: o.case.expect.exit } : {}),
        ...(o.case.expect.findings ? { findings: o.case.expect.findings.map((e) => e.spec) } : {}),
      },
      got: verdictJson(o.got),
      missing: o.missing.map((m) => m.spec),
      unexpected: o.unexpected.map(findingJson),
      ...(o.error ? { error: o.error } : {}),
      ms: Math.round(o.ms * 100) / 100,
    })),
    ...(policyChange
      ? {
          policyChange: {
            base: policyChange.baseName,
            mergeBase: policyChange.mergeBase,
            ...(policyChange.note ? { note: policyChange.note } : {}),
            changes: policyChange.changes.map((c) => ({
              name: c.case.name,
              file: c.case.file,
              line: c.case.range.start.line + 1,
              from: c.from,
              shift: c.shift,
              base: verdictJson(c.base),
              head: verdictJson(c.head),
            })),
          },
        }
      : {}),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

function verdictJson(v: CaseVerdict) {
  return { exit: v.exit, findings: v.findings.map(findingJson) };
}

function findingJson(f: Finding) {
  return {
    rule: f.rule,
    file: f.file,
    line: f.range.start.line + 1,
    severity: f.severity,
    message: f.message,
  };
}

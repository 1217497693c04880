import type { Finding } from '../finding.js';
import { printedRange } from './locations.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns
 * into annotations on the pull request's diff. Data and properties are escaped as the runner
 * expects (actions/toolkit `command.ts`): `%`, CR, LF everywhere, plus `:` and `,` in properties.
 */
export function renderGithub(findings: readonly Finding[]): string {
  const out: string[] = [];
  for (const f of findings) {
    const r = printedRange(f.range);
    const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${r.line}`,
      `col=${r.column}`,
      `endLine=${r.endLine}`,
      `endColumn=${r.endColumn}`,
      `title=${escapeProperty(`Slipway ${f.rule}`)}`,
    ];
    out.push(`::${level} ${props.join(',')}::${escapeData(f.message)}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

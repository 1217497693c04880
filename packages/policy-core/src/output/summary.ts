import type { Finding } from '../finding.js';

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  filesChecked: number;
  /** Findings a baseline accepted (left out of the counts above); present only when a baseline was read. */
  baselined?: number;
}

export function summarize(findings: readonly Finding[], filesChecked: number): Summary {
  const s: Summary = { errors: 0, warnings: 0, infos: 0, filesChecked };
  for (const f of findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  return s;
}

/** Exit code for findings: 1 when anything is at error severity, else 0. */
export function exitCodeFor(findings: readonly Finding[]): 0 | 1 {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

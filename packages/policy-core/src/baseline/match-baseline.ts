import type { Finding } from '../finding.js';
import { type Baseline, type BaselineEntry, entriesByFile, keyInFile } from './baseline-file.js';
import { fingerprintFindings, type Sha256 } from './fingerprint.js';

export interface BaselineMatch {
  /** Findings the baseline does not hold: what the check reports. */
  newFindings: Finding[];
  /** Findings the baseline accepted: left out of the report, counted in its scope. */
  baselined: Finding[];
  /** Entries that match no finding any more (fixed, or their lines changed): harmless, worth dropping. */
  stale: BaselineEntry[];
}

export interface MatchOptions {
  sha256: Sha256;
  /** Files whose findings are never accepted: the baseline file itself (a baseline cannot hide its own problems). */
  never?: ReadonlySet<string>;
  /**
   * Whether an unmatched entry's rule and file were judged at all (a `--rule` filter, a change
   * that does not touch the file): only those count as stale.
   */
  judged?: (entry: BaselineEntry) => boolean;
}

/**
 * Splits findings into new and baselined, and names the stale entries. Pure, one pass over each
 * side through a map keyed by rule, file, fingerprint and occurrence: an entry can only ever
 * accept a finding of its own rule in its own file. The language server can call it as the CLI does.
 */
export function matchBaseline(
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined,
  baseline: Baseline,
  options: MatchOptions,
): BaselineMatch {
  const open = entriesByFile(baseline.findings).byFile;
  const never = options.never;
  const entries = fingerprintFindings(
    findings,
    textOf,
    options.sha256,
    (file) => open.has(file) && !never?.has(file),
  );
  const newFindings: Finding[] = [];
  const baselined: Finding[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as Finding;
    const entry = entries[i];
    const accepted = entry !== undefined && open.get(f.file)?.delete(keyInFile(entry));
    (accepted ? baselined : newFindings).push(f);
  }
  const judged = options.judged;
  const stale: BaselineEntry[] = [];
  for (const inFile of open.values())
    for (const e of inFile.values()) if (!judged || judged(e)) stale.push(e);
  return { newFindings, baselined, stale };
}

/** A baseline of every finding given: what `slipway baseline` writes. */
export function buildBaseline(
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined,
  sha256: Sha256,
): Baseline {
  return { version: 1, findings: fingerprintFindings(findings, textOf, sha256) as BaselineEntry[] };
}

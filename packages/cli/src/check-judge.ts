import { nativeSha256 } from '@slipway/policy-core/node';
import {
  type CheckOptions,
  type CheckResult,
  describeFailure,
  exitCodeFor,
  prefetchGitAsks,
  type RepoView,
  runCheck,
} from '@slipway/policy-core';
import type { CommandContext } from './command.js';
import { applyCertainFixes } from './apply-fixes.js';
import type { Format } from './format-names.js';
import { render } from './output-format.js';
import { mainReport } from './text-report.js';
import { writeReport } from './write-output.js';
import { type ExtraReport, writeExtraReports } from './extra-reports.js';

// What `slipway check` does once the repository and the change are read: run the rules, apply
// fixes, write the report. A module of its own so that check.ts can start git before loading
// the rules and renderers (the larger part of the bundle), which then load while git runs.
export { checkRuleFilters } from './rule-filter.js';
export { applyCertainFixes };

/** The rules over the opened repository and change, with the CLI's native SHA-256. */
export function judge(options: Omit<CheckOptions, 'sha256'>): CheckResult {
  return runCheck({ ...options, sha256: nativeSha256 });
}

/**
 * `judge`, after answering ahead what its rules will ask git (prefetchGitAsks): in one batch
 * beside other work, instead of a blocking git process each as the rules run.
 */
export async function judgeAhead(options: Omit<CheckOptions, 'sha256'>): Promise<CheckResult> {
  await prefetchGitAsks(options);
  return judge(options);
}

/** Writes the report (and the extra ones), says which families failed; returns the exit code. */
export function report(
  ctx: CommandContext,
  out: {
    format: Format;
    output?: string;
    reports: readonly ExtraReport[];
    /** The environment the report decides colour by (colorEnv: `--color` applied). */
    colorEnv: Record<string, string | undefined>;
  },
  result: CheckResult,
  repo: RepoView,
): number {
  writeReport(
    mainReport(
      out.format,
      result.findings,
      result.filesChecked.length,
      { stdout: ctx.stdout, env: out.colorEnv, ...(out.output ? { output: out.output } : {}) },
      (file) => repo.readFile(file),
      result.scope,
    ),
    out.output,
    ctx.cwd,
    ctx.stdout,
  );
  writeExtraReports(
    out.reports,
    (f) => render(f, result.findings, result.filesChecked.length, result.scope),
    ctx.cwd,
  );
  // A family that crashed leaves its findings out: the report has the rest, the exit says it is incomplete.
  for (const f of result.failures) {
    ctx.stderr.write(`slipway check: internal error: ${describeFailure(f)} (run with --debug for details)\n`);
    if (ctx.debug && f.error instanceof Error && f.error.stack) ctx.stderr.write(`${f.error.stack}\n`);
  }
  return result.failures.length > 0 ? 2 : exitCodeFor(result.findings);
}

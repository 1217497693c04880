import { exitCodeFor, type GuardResult, jsonText, printableLines, toJsonReport } from '@slipway/policy-core';
import type { Command, CommandContext } from '../command.js';
import { assertTreeOrRange, CHECK_FLAGS_USAGE, checkFlagOptions, readCheckFlags } from '../check-flags.js';
import { runGuard } from '../guard/run-guard.js';
import { type Format, render } from '../output-format.js';
import { writeExtraReports } from '../extra-reports.js';
import { checkRuleFilters } from '../rule-filter.js';
import { mainReport } from '../text-report.js';
import { writeReport } from '../write-output.js';

export const guardCommand: Command = {
  name: 'guard',
  usage: `Usage: slipway guard [options]

Runs every policy rule on the change (as \`slipway check\`), then the checks that need more than
files: the database audit (dev and prod alembic_version against the revision graph) when the
policy configures databases. Exits 1 when anything is at error severity or a configured database
cannot be read (the findings are still reported, the failure goes to stderr).

${CHECK_FLAGS_USAGE}`,
  run: async (ctx: CommandContext) => {
    const { values, format, reports, reportEnv, ruleEnv } = readCheckFlags('guard', ctx, checkFlagOptions);
    checkRuleFilters(values.rule, 'guard');
    assertTreeOrRange(values, 'guard');
    const result = await runGuard({
      cwd: ctx.cwd,
      repo: values.repo,
      base: values.base,
      head: values.head,
      branch: values.branch,
      labels: values.label,
      tree: values.tree,
      only: values.rule,
      env: ruleEnv,
      log: (line) => {
        if (format === 'text') ctx.stderr.write(`${printableLines(line)}\n`);
      },
      // Stderr, so that stdout stays the report alone (json, sarif), as `check` does.
      notice: (line) => ctx.stderr.write(`${printableLines(line)}\n`),
    });
    // JSON gains the guard's verdict beside the report `check` writes (additive: the report's
    // contract only grows): whether a deploy is blocked, counts per family, the steps that ran.
    const text = (f: Format) =>
      f === 'json'
        ? `${jsonText({ ...toJsonReport(result.findings, result.filesChecked, result.scope), guard: guardVerdict(result) })}\n`
        : render(f, result.findings, result.filesChecked, result.scope);
    const main =
      format === 'json'
        ? text(format)
        : mainReport(
            format,
            result.findings,
            result.filesChecked,
            {
              stdout: ctx.stdout,
              env: reportEnv,
              ...(values.output ? { output: values.output } : {}),
            },
            result.textOf,
            result.scope,
          );
    writeReport(main, values.output, ctx.cwd, ctx.stdout);
    writeExtraReports(reports, text, ctx.cwd);
    for (const line of result.skipped) ctx.stderr.write(`slipway guard: not run: ${printableLines(line)}\n`);
    // A database it could not read: what was checked is reported above in the chosen format; then fail.
    for (const line of result.failures) ctx.stderr.write(`slipway guard: ${printableLines(line)}\n`);
    return result.failures.length > 0 ? 1 : exitCodeFor(result.findings);
  },
};

/** The `guard` member of `slipway guard --format json` (docs/deploy-json.md). */
function guardVerdict(r: GuardResult) {
  return {
    blocked: r.blocked,
    countsByFamily: r.countsByFamily,
    steps: r.steps,
    failures: r.failures,
    skipped: r.skipped,
  };
}

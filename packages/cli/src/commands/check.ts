import { nativeSha256 } from '@slipway/policy-core/node';
import { describeFailure, exitCodeFor, runCheck } from '@slipway/policy-core';
import { type Command, type CommandContext, UserError } from '../command.js';
import { assertTreeOrRange, CHECK_FLAGS_USAGE, checkCommandFlagOptions, checkEnv } from '../check-flags.js';
import { parseFlags } from '../flags.js';
import { applyCertainFixes } from '../apply-fixes.js';
import { parseFormat, render } from '../output-format.js';
import { openCheckContext } from '../repo-context.js';
import { checkRuleFilters } from '../rule-filter.js';
import { mainReport } from '../text-report.js';
import { writeReport } from '../write-output.js';
import { parseExtraReports, writeExtraReports } from '../extra-reports.js';
import { cacheWanted, sqlResultCacheOpener } from '../result-cache.js';
import type { SqlResultCache } from '@slipway/policy-core/node';

export const checkCommand: Command = {
  name: 'check',
  usage: `Usage: slipway check [options]

Checks the change between --base and --head against slipway.yaml: protected paths, agent scope,
branches, dependencies, migrations, the deploy record and audit log, self-update config.

${CHECK_FLAGS_USAGE}
  --fix               apply the fixes that are certain (pins, lock lines), then report what is left;
                      only when the head is the checked-out commit (fixes edit the working tree)
  --no-cache          read, parse and judge every .sql migration again, without the result cache
                      in the git directory (the default in CI, where CI=true; see the README)
  --cache             use the result cache in CI too`,
  run: runCheckCommand,
};

async function runCheckCommand(ctx: CommandContext): Promise<number> {
  const { values } = parseFlags('check', ctx.argv, checkCommandFlagOptions, false);
  const format = parseFormat(values.format, 'check');
  const reports = parseExtraReports(values.report, 'check');
  checkRuleFilters(values.rule, 'check');
  assertTreeOrRange(values, 'check');
  const changeFlags = values.tree ? undefined : { ...values, labels: values.label };
  let noticed = false;
  let cache: SqlResultCache | undefined;
  const sqlResults = cacheWanted(values, ctx.env)
    ? sqlResultCacheOpener(ctx.env, (opened) => {
        cache = opened;
      })
    : undefined;
  const run = async () => {
    const { context, change } = await openCheckContext(
      ctx.cwd,
      values.repo,
      changeFlags,
      ctx.env,
      undefined,
      undefined,
      { sqlResults },
    );
    // Fixes edit files on disk: they would land in the working tree, not in the commit checked.
    if (values.fix && context.tree.kind === 'commit') {
      const { name, sha } = context.tree;
      throw new UserError(
        `--fix edits the working tree, but the change's head, ${name} (commit ${sha.slice(0, 12)}), is not the checked-out commit; check it out first, or run without --fix`,
      );
    }
    const { notice, head } = context.governing;
    // Stderr, so that stdout stays the report alone (json, sarif).
    if (notice && !noticed) ctx.stderr.write(`${notice}\n`);
    noticed = true;
    const result = runCheck({
      policy: context.policy,
      ...(head ? { headPolicy: head } : {}),
      repo: context.repo,
      change,
      env: checkEnv(ctx.env, values),
      only: values.rule,
      sha256: nativeSha256,
      workspace: context.workspace,
    });
    saveCache(cache, ctx);
    return { root: context.root, result, repo: context.repo };
  };
  let { root, result, repo } = await run();
  if (values.fix) {
    const fixed = applyCertainFixes(root, result.findings);
    if (fixed.files.length > 0) {
      // Progress goes to stderr so that stdout stays the report alone (json, sarif).
      ctx.stderr.write(
        `fixed ${fixed.applied} finding${fixed.applied === 1 ? '' : 's'} in ${fixed.files.join(', ')}\n`,
      );
      // The files changed on disk: check them again and report only what is left.
      ({ root, result, repo } = await run());
    }
  }
  writeReport(
    mainReport(
      format,
      result.findings,
      result.filesChecked.length,
      { stdout: ctx.stdout, env: ctx.env, ...(values.output ? { output: values.output } : {}) },
      (file) => repo.readFile(file),
    ),
    values.output,
    ctx.cwd,
    ctx.stdout,
  );
  writeExtraReports(reports, (f) => render(f, result.findings, result.filesChecked.length), ctx.cwd);
  // A family that crashed leaves its findings out: the report has the rest, the exit says it is incomplete.
  for (const f of result.failures) {
    ctx.stderr.write(`slipway check: internal error: ${describeFailure(f)} (run with --debug for details)\n`);
    if (ctx.debug && f.error instanceof Error && f.error.stack) ctx.stderr.write(`${f.error.stack}\n`);
  }
  return result.failures.length > 0 ? 2 : exitCodeFor(result.findings);
}

/** A cache that cannot be written costs the next run its speed, never this run its report. */
function saveCache(cache: SqlResultCache | undefined, ctx: CommandContext): void {
  if (cache && ctx.debug) {
    if (cache.ignored) ctx.stderr.write(`slipway check: result cache file ignored: ${cache.ignored}\n`);
    const fresh = [...cache.computed].filter((p) => !cache?.hits.has(p)).length;
    ctx.stderr.write(`slipway check: result cache: ${cache.hits.size} from the cache, ${fresh} computed\n`);
  }
  try {
    cache?.save();
  } catch (err) {
    if (ctx.debug) ctx.stderr.write(`slipway check: result cache not written: ${(err as Error).message}\n`);
  }
}

import { printable, printableLines } from '@slipway/policy-core';
import { type Command, type CommandContext, UserError } from '../command.js';
import {
  assertTreeOrRange,
  CHECK_FLAGS_USAGE,
  checkCommandFlagOptions,
  readCheckFlags,
} from '../check-flags.js';
import { changeFor, listingFor } from '../early-git.js';
import { openCheckContext } from '../repo-context.js';
import { cacheWanted, sqlResultCacheOpener } from '../result-cache.js';
import type { SqlResultCache } from '@slipway/policy-core/node';
import type { ChangeFlags } from '../change-flags.js';
import { JOBS_USAGE, workerOptions } from '../worker-options.js';

export const checkCommand: Command = {
  name: 'check',
  usage: `Usage: slipway check [options]

Checks the change between --base and --head against slipway.yaml: protected paths, agent scope,
branches, dependencies, migrations, the deploy record and audit log, self-update config.

${CHECK_FLAGS_USAGE}
  --fix               apply the fixes that are certain (pins, lock lines, a migration's lock_timeout),
                      then report what is left; only when the head is the checked-out commit
                      (fixes edit the working tree)
  --no-cache          read, parse and judge every .sql migration again, without the result cache
                      in the git directory (the default in CI, where CI=true; see the README)
  --cache             use the result cache in CI too
${JOBS_USAGE}`,
  run: runCheckCommand,
};

async function runCheckCommand(ctx: CommandContext): Promise<number> {
  const { values, format, reports, reportEnv, ruleEnv } = readCheckFlags(
    'check',
    ctx,
    checkCommandFlagOptions,
  );
  // `--rule` names are checked against the rules, which load with the judging module: with
  // --rule, that loads first, so that a typo is reported before anything else runs.
  const judging = import('../check-judge.js');
  if (values.rule?.length) (await judging).checkRuleFilters(values.rule, 'check');
  assertTreeOrRange(values, 'check');
  const changeFlags = values.tree ? undefined : { ...values, labels: values.label };
  let noticed = false;
  let cache: SqlResultCache | undefined;
  const sqlResults = cacheWanted(values, ctx.env)
    ? sqlResultCacheOpener(ctx.env, (opened) => {
        cache = opened;
      })
    : undefined;
  const workers = workerOptions(values.jobs, ctx);
  let early = ctx.earlyGit;
  // git starts here (file listing, change set); the rules and renderers load meanwhile.
  // What the bin entry started is used once: after --fix, git is asked again if need be.
  const open = () => {
    const started = early;
    early = undefined;
    const listing = started && ((root: string) => listingFor(started, root));
    const opening = openCheckContext(ctx.cwd, values.repo, changeFlags, ctx.env, listing, undefined, {
      sqlResults,
      ...(workers ? { workers } : {}),
      ...(started ? { change: (root: string, flags: ChangeFlags) => changeFor(started, root, flags) } : {}),
    });
    opening.catch(() => {});
    return opening;
  };
  const judge = async (opening: ReturnType<typeof open>) => {
    const { judgeAhead } = await judging;
    const { context, change } = await opening;
    // Fixes edit files on disk: they would land in the working tree, not in the commit checked.
    if (values.fix && context.tree.kind === 'commit') {
      const { name, sha } = context.tree;
      throw new UserError(
        `--fix edits the working tree, but the change's head, ${name} (commit ${sha.slice(0, 12)}), is not the checked-out commit; check it out first, or run without --fix`,
      );
    }
    const { notice, head } = context.governing;
    // Stderr, so that stdout stays the report alone (json, sarif).
    if (notice && !noticed) ctx.stderr.write(`${printableLines(notice)}\n`);
    noticed = true;
    const result = await judgeAhead({
      policy: context.policy,
      ...(head ? { headPolicy: head } : {}),
      repo: context.repo,
      change,
      env: ruleEnv,
      only: values.rule,
      workspace: context.workspace,
    });
    saveCache(cache, ctx);
    // A baseline that cannot be read is a configuration error: one line, exit 2, no report that
    // would pass for the whole truth.
    if (result.baselineProblem) throw new UserError(result.baselineProblem);
    return { root: context.root, result, repo: context.repo };
  };
  let opened = open();
  let { root, result, repo } = await judge(opened);
  const { applyCertainFixes, report } = await judging;
  if (values.fix) {
    const fixed = await applyCertainFixes(root, result.findings);
    if (fixed.files.length > 0) {
      // Progress goes to stderr so that stdout stays the report alone (json, sarif).
      ctx.stderr.write(
        `fixed ${fixed.applied} finding${fixed.applied === 1 ? '' : 's'} in ${printable(fixed.files.join(', '))}\n`,
      );
      // The files changed on disk: check them again and report only what is left. Files edited in
      // place are read again by the same repository view and workspace, whose caches hold a text
      // only while its file is unchanged, so only they are parsed again; a file a fix created (a
      // migration that validates later) is new to git's listing, which is then read again.
      if (fixed.created.length > 0) opened = open();
      ({ root, result, repo } = await judge(opened));
    }
  }
  return report(
    ctx,
    { format, reports, colorEnv: reportEnv, ...(values.output ? { output: values.output } : {}) },
    result,
    repo,
  );
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

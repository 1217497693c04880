import { exitCodeFor, runCheck } from '@slipway/policy-core';
import type { Command, CommandContext } from '../command.js';
import { CHECK_FLAGS_USAGE, checkFlagOptions } from '../check-flags.js';
import { parseFlags } from '../flags.js';
import { applyCertainFixes } from '../apply-fixes.js';
import { parseFormat, render } from '../output-format.js';
import { openCheckContext } from '../repo-context.js';
import { writeReport } from '../write-output.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'check the change (or the tree) against the policy',
  usage: `Usage: slipway check [options]

Checks the change between --base and --head against slipway.yaml: protected paths, agent scope,
branches, dependencies, migrations, the deploy record and audit log, self-update config.

${CHECK_FLAGS_USAGE}
  --fix               apply the fixes that are certain (pins, lock lines), then report what is left`,
  run: runCheckCommand,
};

async function runCheckCommand(ctx: CommandContext): Promise<number> {
  const { values } = parseFlags('check', ctx.argv, { ...checkFlagOptions, fix: { type: 'boolean' } }, false);
  const format = parseFormat(values.format, 'check');
  const changeFlags = values.tree ? undefined : { ...values, labels: values.label };
  const { context, change } = await openCheckContext(ctx.cwd, values.repo, changeFlags, ctx.env);
  const result = runCheck({
    policy: context.policy,
    repo: context.repo,
    change,
    env: ctx.env,
    only: values.rule,
  });
  writeReport(
    render(format, result.findings, result.filesChecked.length),
    values.output,
    ctx.cwd,
    ctx.stdout,
  );
  return exitCodeFor(result.findings);
}

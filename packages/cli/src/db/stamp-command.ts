import { printableLines } from '@slipway/policy-core';
import { stampBaseline } from '@slipway/policy-core/node';
import { type CommandContext, UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { openRepoContext } from '../repo-context.js';
import { dbFlagCommon, parseTimeout } from './audit-command.js';
import { openDb } from './open-db.js';

/** `slipway db stamp-baseline`: the deploy layer's stampBaseline with the CLI's database clients. */
export async function runStampBaseline(ctx: CommandContext): Promise<number> {
  const { values } = parseFlags(
    'db stamp-baseline',
    ctx.argv,
    { ...dbFlagCommon, revision: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    false,
  );
  const connectTimeoutMs = parseTimeout(values.timeout, 'db stamp-baseline');
  const names = values.db ?? ['prod'];
  if (names.length !== 1)
    throw new UserError('slipway db stamp-baseline stamps one database at a time: give one --db');
  const context = await openRepoContext(ctx.cwd, values.repo);
  const result = await stampBaseline({
    root: context.root,
    policy: context.policy,
    env: ctx.env,
    database: names[0] as string,
    ...(values.revision !== undefined ? { revision: values.revision } : {}),
    dryRun: values['dry-run'] === true,
    openDb: (target) => openDb(target, { cwd: context.root, connectTimeoutMs }),
    repo: context.repo,
    workspace: context.workspace,
  });
  if (result.error) throw new UserError(result.error.message, result.error.exitCode);
  ctx.stdout.write(`${printableLines(result.message)}\n`);
  return 0;
}

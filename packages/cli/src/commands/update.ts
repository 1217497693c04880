import { printable, printableLines } from '@slipway/policy-core';
import type { Command, CommandContext } from '../command.js';
import { UserError } from '../command.js';
import { type Options, parseFlags } from '../flags.js';
import { installTimer } from '../update/install-timer.js';
import { loadUpdateConfig } from '../update/load-update-config.js';
import { runUpdate } from '../update/run-update.js';
import { resetCircuit, statusReport } from '../update/status-and-reset.js';

const COMMON = {
  repo: { type: 'string' },
  config: { type: 'string' },
  profile: { type: 'string' },
} as const;

/** The flags of `update` or one of its subcommands: those naming the configuration, then its own; no positionals. */
function updateFlags<O extends Options>(command: string, argv: string[], own: O) {
  return parseFlags(command, argv, { ...COMMON, ...own }, false).values;
}

export const updateCommand: Command = {
  name: 'update',
  usage: `Usage: slipway update [--dry-run] [--profile NAME] [--repo DIR] [--config FILE]
       slipway update status [--json] [--profile NAME]
       slipway update reset --reason TEXT [--profile NAME]
       slipway update install-timer [--output DIR] [--unit NAME] [--user NAME]
                                    [--slipway PATH] [--node PATH]

Without a subcommand: fetch the channel, pick the newest vX.Y.Z tag on it (or the branch head
with track = "branch"), check eligibility (clean tree, recent save, rate limits, circuit),
verify the signature against allowed_signers, refuse anything older than what runs, back up
code and bot_persistence/<profile> to backups/<timestamp>, apply, run test_command, quiesce,
restart, resume and wait for health_url. Any failure restores the backup byte for byte and
brings the old version back; max_failures_per_day failures open the circuit until a reset.
An update killed outright (SIGKILL, power loss) is restored from its backup by the next run,
before anything else, and counted as a failure; \`update status\` shows it until then.
Settings: config/update.toml (the policy's update.config); BOT_AUTO_UPDATE,
BOT_UPDATE_INTERVAL and BOT_UPDATE_CHANNEL override them.

  --dry-run        fetch, verify and decide; print what would change; change nothing
  --profile NAME   persistence profile (default: update.toml's profile, "default")
  --repo DIR       the bot's checkout (default: the working directory)
  --config FILE    update.toml to use instead of the policy's
  status --json    the state as JSON
  reset --reason   close the circuit and clear today's failures, saying why
  install-timer    write <unit>.service and <unit>.timer (default /etc/systemd/system,
                   unit slipway-update) and check them with systemd-analyze verify;
                   --user runs it as the bot's user, --node/--slipway name the programs

Exit codes: 0 updated or up to date, 1 not updated (refused, failed and rolled back, locked),
2 configuration error.`,
  run: runUpdateCommand,
};

async function runUpdateCommand(ctx: CommandContext): Promise<number> {
  const [sub] = ctx.argv;
  const now = () => new Date();
  if (sub === 'status') {
    const values = updateFlags('update status', ctx.argv.slice(1), { json: { type: 'boolean' } });
    const loaded = await loadUpdateConfig(ctx.cwd, ctx.env, values);
    const json = values.json === true;
    const report = await statusReport(loaded, ctx.env, now(), json);
    ctx.stdout.write(`${json ? report : printableLines(report)}\n`);
    return 0;
  }
  if (sub === 'reset') {
    const values = updateFlags('update reset', ctx.argv.slice(1), { reason: { type: 'string' } });
    if (values.reason === undefined) throw new UserError('reset needs --reason "what was fixed"');
    const loaded = await loadUpdateConfig(ctx.cwd, ctx.env, values);
    ctx.stdout.write(`${printableLines(await resetCircuit(loaded, ctx.env, now(), values.reason))}\n`);
    return 0;
  }
  if (sub === 'install-timer') {
    const values = updateFlags('update install-timer', ctx.argv.slice(1), {
      output: { type: 'string' },
      unit: { type: 'string' },
      user: { type: 'string' },
      slipway: { type: 'string' },
      node: { type: 'string' },
    });
    const loaded = await loadUpdateConfig(ctx.cwd, ctx.env, values);
    const result = await installTimer(
      loaded,
      {
        output: values.output ?? '/etc/systemd/system',
        unit: values.unit ?? 'slipway-update',
        user: values.user,
        slipway: values.slipway ?? process.argv[1] ?? 'slipway',
        node: values.node ?? process.execPath,
      },
      ctx.env,
    );
    for (const line of result.lines)
      (result.exitCode === 0 ? ctx.stdout : ctx.stderr).write(`${printableLines(line)}\n`);
    return result.exitCode;
  }
  if (sub !== undefined && !sub.startsWith('-'))
    throw new UserError(`unknown subcommand "${sub}"; use status, reset or install-timer`);
  const values = updateFlags('update', ctx.argv, { 'dry-run': { type: 'boolean' } });
  const loaded = await loadUpdateConfig(ctx.cwd, ctx.env, values);
  const outcome = await runUpdate({
    root: loaded.root,
    config: loaded.config,
    profile: loaded.profile,
    env: ctx.env,
    dryRun: values['dry-run'] === true,
    now,
    log: (line) => ctx.stderr.write(`${printableLines(line)}\n`),
  });
  // One line for the journal, whatever a tool put into a message.
  ctx.stdout.write(`${printable(outcome.line.replace(/\s*\n\s*/g, ' '))}\n`);
  return outcome.exitCode;
}

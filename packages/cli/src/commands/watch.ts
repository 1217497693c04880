import type { Command } from '../command.js';
import { DEPLOY_FLAGS, DEPLOY_FLAGS_USAGE, operationContext } from '../deploy/command-context.js';
import { parseDuration } from '../deploy/duration.js';
import { watch } from '../deploy/watch.js';
import { UserError } from '../command.js';
import { parseFlags } from '../flags.js';

export const watchCommand: Command = {
  name: 'watch',
  usage: `Usage: slipway watch [--env production] [options]

Polls the environment's health endpoints every --interval (seed 001: every 30–60 s). After
--failures consecutive failed polls it rolls back to the last good SHA once (a
SYSTEM_CORRECTION_EVENT whose reason names the failing checks, pinning production), then stops.
It never acts while a promote or rollback holds the deploy lock.

Options:
  --env NAME         default: deploy.production
  --interval DUR     time between polls (default 30s; e.g. 45s, 1m, 500ms)
  --failures N       consecutive failed polls before rolling back (default 3)
  --for DUR          stop after this long (default: run until it acts)
${DEPLOY_FLAGS_USAGE}`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'watch',
      ctx.argv,
      {
        ...DEPLOY_FLAGS,
        env: { type: 'string' },
        interval: { type: 'string', default: '30s' },
        failures: { type: 'string', default: '3' },
        for: { type: 'string' },
      },
      false,
    );
    const failures = Number(values.failures);
    if (!Number.isInteger(failures) || failures < 1)
      throw new UserError(`--failures must be a whole number of at least 1, not "${values.failures}"`);
    const intervalMs = parseDuration('interval', values.interval ?? '30s');
    const forMs = values.for === undefined ? undefined : parseDuration('for', values.for);
    const op = await operationContext(ctx, values);
    const automaton = {
      name: `slipway watch (for ${op.actor.name})`,
      kind: op.actor.kind === 'ci' ? ('ci' as const) : ('agent' as const),
    };
    return watch(
      { ...op, actor: automaton },
      {
        envName: values.env ?? op.doc.policy.deploy?.production ?? 'production',
        intervalMs,
        failures,
        forMs,
      },
    );
  },
};

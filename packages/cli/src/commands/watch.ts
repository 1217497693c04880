import { operationContext as deployContext } from '@slipway/policy-core/node';
import type { Command } from '../command.js';
import { DEPLOY_FLAGS, DEPLOY_FLAGS_USAGE, operationContext } from '../deploy/command-context.js';
import { parseDuration } from '../deploy/duration.js';
import { watch } from '../deploy/watch.js';
import { UserError } from '../command.js';
import { parseFlags } from '../flags.js';

export const watchCommand: Command = {
  name: 'watch',
  usage: `Usage: slipway watch [--env production] [options]

Polls the environment's health endpoints every --interval (30–60 s is usual). After
--failures consecutive failed polls it rolls back to the last good SHA once (a
SYSTEM_CORRECTION_EVENT whose reason names the failing checks, pinning production), then stops.
On another environment (--env staging) it rolls nothing back: it logs the failure once
(HEALTH_FAILED, naming the SHA the environment runs by the audit log) and stops with exit 1; a
production promote of that SHA refuses it until it is verified there again (a failed soak).
It never acts while a promote or rollback holds the deploy lock, and failures count against one
deploy: a deploy recorded meanwhile starts the count afresh. When it cannot roll back (nothing
earlier is recorded, the target is not a commit here) it logs the attempt as refused and stops.
--for bounds the polls (a health request still waiting at the limit is dropped, not counted),
never a rollback that has started: that finishes and is logged. --once polls once and stops: a
scheduled health check (exit 1 when the poll failed, though nothing was rolled back unless
--failures 1), or with --dry-run a look at what watch would do.

Exit codes: 0 the run ended without acting; 1 production was rolled back (even successfully: it
was unhealthy and is now pinned, so a scheduled job goes red), or the rollback failed, or it
could not roll back, or a failure was logged (not production), or (--once) its one poll failed; 2 usage; 128+n a signal stopped the rollback. With --commit what it logged
is committed before it exits (except after a signal).

Options:
  --env NAME         default: deploy.production
  --interval DUR     time between polls (default 30s; e.g. 45s, 1m, 500ms)
  --failures N       consecutive failed polls before rolling back (default 3)
  --for DUR          stop polling after this long (default: run until it acts)
  --once             poll once and stop (exit 1 if the poll failed)
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
        once: { type: 'boolean' },
      },
      false,
    );
    const failures = Number(values.failures);
    if (!Number.isInteger(failures) || failures < 1)
      throw new UserError(`--failures must be a whole number of at least 1, not "${values.failures}"`);
    const intervalMs = parseDuration('interval', values.interval ?? '30s');
    const forMs = values.for === undefined ? undefined : parseDuration('for', values.for);
    const op = await operationContext(ctx, values, 'watch');
    const actor = op.options.actor;
    const automaton = {
      name: `slipway watch (for ${actor.name})`,
      kind: actor.kind === 'ci' ? ('ci' as const) : ('agent' as const),
    };
    return watch(deployContext({ ...op.options, actor: automaton }, op.callbacks), {
      envName: values.env ?? op.options.policy.policy.deploy?.production ?? 'production',
      intervalMs,
      failures,
      once: values.once === true,
      forMs,
    });
  },
};

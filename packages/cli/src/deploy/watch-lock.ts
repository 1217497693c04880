import { DeployError } from '@slipway/policy-core';
import { type OperationContext, takeLock } from '@slipway/policy-core/node';

export type WatchLock = Awaited<ReturnType<typeof takeLock>>;

/**
 * The deploy lock for the watch's one act (a rollback, a failure logged), as `holder`; or 'busy'
 * when a promote or rollback holds it, said as `${time} ${notNow}: why; watching on`: the watch
 * polls on and counts afresh. Any other failure is thrown.
 */
export async function watchLock(
  ctx: OperationContext,
  holder: string,
  notNow: string,
  write: (line: string) => void,
): Promise<WatchLock | 'busy'> {
  try {
    return await takeLock(ctx.root, holder);
  } catch (err) {
    if (!(err instanceof DeployError)) throw err;
    write(`${ctx.now().toISOString()} ${notNow}: ${err.message}; watching on\n`);
    return 'busy';
  }
}

import { PassThrough, type Readable } from 'node:stream';

/**
 * The server's stdin as the connection reads it, ended only after `beforeEnd` has run. The
 * language server library exits the process the moment its input ends; an editor that closes
 * the pipe without `shutdown` (it crashed, or was killed) would otherwise cut a deploy mid-step,
 * leaving a `started` line and nothing after it. `beforeEnd` cancels the flows under way and
 * waits for each to log how it ended. (A deploy killed outright, with no chance to log, is closed
 * as abandoned by the next run that takes the deploy lock.)
 */
export function gracefulStdin(stdin: Readable, beforeEnd: () => Promise<void>): PassThrough {
  const input = new PassThrough();
  stdin.pipe(input, { end: false });
  let ending = false;
  const end = () => {
    if (ending) return;
    ending = true;
    beforeEnd()
      .catch(() => {})
      .finally(() => input.end());
  };
  stdin.on('end', end);
  stdin.on('close', end);
  return input;
}

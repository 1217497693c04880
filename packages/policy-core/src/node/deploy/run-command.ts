import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { onExitThenDrain } from './exit-then-drain.js';
import { stopReason } from './stop-scope.js';
import { type OutputLine, outputLines } from './output-lines.js';

export interface RunCommandOptions {
  cwd: string;
  /** Added to `baseEnv` (SLIPWAY_SHA, SLIPWAY_ENV, ...). */
  env: Record<string, string>;
  /** The environment the command inherits: the caller's (default: this process's). */
  baseEnv?: Record<string, string | undefined>;
  timeoutMs: number;
  /**
   * Gets the command's output line by line, secrets redacted, at most `maxOutputBytes` of it
   * (then one line saying the rest was dropped). For output that is shown or logged.
   */
  onLine?: (line: OutputLine) => void;
  /**
   * Applied to each `onLine` line before the secret-named variables are: the values the policy
   * expanded (ResolvedEnvironment.redact), which the command inherits and may print.
   */
  redact?: (line: string) => string;
  /**
   * Gets the output as it comes, decoded but otherwise untouched (no redaction, no cap): for an
   * answer read as data (git's paths and SHAs), which redaction could corrupt. The caller caps it.
   * Give `onLine` or this.
   */
  onOutput?: (stream: OutputLine['stream'], text: string) => void;
  maxOutputBytes?: number;
  /** After SIGTERM, how long the process group gets before SIGKILL. */
  graceMs?: number;
  /**
   * Aborted when Slipway is told to stop (its reason is the signal, see stop-scope.ts): the
   * group is stopped as on a timeout, and the result names the signal.
   */
  stop?: AbortSignal;
  /** Aborted when told again: the group gets SIGKILL without waiting out the grace period. */
  stopNow?: AbortSignal;
}

export interface RunCommandResult {
  ok: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** One line for the terminal and the audit log. */
  detail: string;
  /** Slipway itself was stopped (a signal's name, or "cancellation") while the command ran: the caller stops and says so. */
  interrupted?: string;
  /** The command could not be started at all (not found, not executable): nothing ran. */
  notStarted?: boolean;
  /** Why it could not start: the system's code (ENOENT, EACCES, ...). */
  errorCode?: string;
  /** It ran past `timeoutMs` and was stopped with everything it started. */
  timedOut?: true;
}

/** After the command exits, how long output still in its pipes is read. */
const PIPE_GRACE_MS = 200;

/**
 * Runs a command given as an argv list (deploy and rollback commands; the self-update's git, tar
 * and hooks): no shell, so nothing in a SHA, a reason or an environment name can become shell
 * syntax. The command runs in its own process group so that a timeout kills everything it started
 * (a deploy script's children included). Being in its own group, it does not get the terminal's
 * Ctrl-C either: the caller listens for SIGINT, SIGTERM and SIGHUP sent to Slipway (`stop`), and
 * they stop the group the same way a timeout does, and the result names the signal. The outcome is the command's own exit status;
 * the run ends when it exits.
 */
export function runCommand(argv: readonly string[], opts: RunCommandOptions): Promise<RunCommandResult> {
  const [program, ...args] = argv;
  if (!program)
    return Promise.resolve({
      ok: false,
      code: null,
      signal: null,
      detail: 'empty command',
      notStarted: true,
    });
  if (opts.stop?.aborted) {
    const interrupted = stopReason(opts.stop);
    return Promise.resolve({
      ok: false,
      code: null,
      signal: null,
      detail: `${program} was not started: slipway was interrupted by ${interrupted}`,
      interrupted,
    });
  }
  const inherited = { ...(opts.baseEnv ?? process.env), ...opts.env };
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      cwd: opts.cwd,
      env: inherited,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const lines = opts.onLine
      ? outputLines(opts.onLine, inherited, opts.maxOutputBytes, opts.redact)
      : rawOutput(opts.onOutput ?? (() => {}));
    const stdout = lines.stream('stdout');
    const stderr = lines.stream('stderr');
    child.stdout?.on('data', (c: Buffer) => stdout.write(c));
    child.stderr?.on('data', (c: Buffer) => stderr.write(c));
    let timedOut = false;
    let interrupted: string | undefined;
    let exited = false;
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const stopGroup = () => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), opts.graceMs ?? 5000);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup();
    }, opts.timeoutMs);
    const onStop = () => {
      interrupted = stopReason(opts.stop as AbortSignal);
      // After the command has exited, what is left in its group (a service it started) is the
      // deploy's result, not the deploy: leave it running.
      if (!exited && !timedOut) stopGroup();
    };
    // A second Ctrl-C while the group is being stopped: stop waiting for the grace period.
    const onStopNow = () => {
      if (interrupted && !exited) killGroup('SIGKILL');
    };
    opts.stop?.addEventListener('abort', onStop, { once: true });
    opts.stopNow?.addEventListener('abort', onStopNow, { once: true });
    let settled = false;
    const finish = (r: RunCommandResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      opts.stop?.removeEventListener('abort', onStop);
      opts.stopNow?.removeEventListener('abort', onStopNow);
      stdout.flush();
      stderr.flush();
      resolve(interrupted ? { ...r, ok: false, interrupted } : r);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      const detail =
        err.code === 'ENOENT'
          ? `command not found: ${program} (check deploy/rollback in the policy and PATH)`
          : err.code === 'EACCES'
            ? `command not executable: ${program} (chmod +x it)`
            : `could not start ${program}: ${err.message}`;
      finish({
        ok: false,
        code: null,
        signal: null,
        detail,
        notStarted: true,
        ...(err.code ? { errorCode: err.code } : {}),
      });
    });
    child.on('exit', () => {
      exited = true;
      clearTimeout(timer);
      // Whatever the group leader left behind is not part of a finished deploy once Slipway
      // stopped it; a command that exited on its own keeps what it started.
      if (timedOut || killTimer) killGroup('SIGKILL');
    });
    onExitThenDrain(child, PIPE_GRACE_MS, (code, signal) => {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (interrupted && killTimer) {
        finish({
          ok: false,
          code,
          signal,
          detail: `${program} was stopped with everything it started: slipway was interrupted by ${interrupted}`,
        });
      } else if (interrupted) {
        finish({
          ok: false,
          code,
          signal,
          detail: `${program} ${code === 0 ? 'exited 0' : how}, but slipway was interrupted by ${interrupted} before checking the result`,
        });
      } else if (timedOut) {
        finish({
          ok: false,
          code,
          signal,
          detail: `${program} timed out after ${Math.round(opts.timeoutMs / 1000)} s and was killed`,
          timedOut: true,
        });
      } else if (code === 0) {
        finish({ ok: true, code, signal, detail: `${program} exited 0` });
      } else {
        finish({ ok: false, code, signal, detail: `${program} ${how}` });
      }
    });
  });
}

/** The output passed on as decoded text, chunk by chunk (a character split across chunks kept whole). */
function rawOutput(emit: (stream: OutputLine['stream'], text: string) => void) {
  return {
    stream(stream: OutputLine['stream']) {
      const decoder = new StringDecoder('utf8');
      return {
        write(chunk: Buffer) {
          const text = decoder.write(chunk);
          if (text) emit(stream, text);
        },
        flush() {
          const text = decoder.end();
          if (text) emit(stream, text);
        },
      };
    },
  };
}

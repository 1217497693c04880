import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

export interface RunCommandOptions {
  cwd: string;
  /** Added to the inherited environment (SLIPWAY_SHA, SLIPWAY_ENV, ...). */
  env: Record<string, string>;
  timeoutMs: number;
  /** Where the command's output is streamed, line by line with a prefix. */
  out: Writable;
  prefix: string;
  /** After SIGTERM, how long the process group gets before SIGKILL. */
  graceMs?: number;
}

export interface RunCommandResult {
  ok: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** One line for the terminal and the audit log. */
  detail: string;
}

function prefixLines(out: Writable, prefix: string) {
  let pending = '';
  return {
    write(chunk: Buffer) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) out.write(`${prefix}${l}\n`);
    },
    flush() {
      if (pending) out.write(`${prefix}${pending}\n`);
      pending = '';
    },
  };
}

/**
 * Runs a deploy or rollback command given as an argv list: no shell, so nothing in a SHA, a
 * reason or an environment name can become shell syntax. The command runs in its own process
 * group so that a timeout kills everything it started (a deploy script's children included).
 */
export function runCommand(argv: readonly string[], opts: RunCommandOptions): Promise<RunCommandResult> {
  const [program, ...args] = argv;
  if (!program) return Promise.resolve({ ok: false, code: null, signal: null, detail: 'empty command' });
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stdout = prefixLines(opts.out, opts.prefix);
    const stderr = prefixLines(opts.out, opts.prefix);
    child.stdout?.on('data', (c: Buffer) => stdout.write(c));
    child.stderr?.on('data', (c: Buffer) => stderr.write(c));
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), opts.graceMs ?? 5000);
    }, opts.timeoutMs);
    let settled = false;
    const finish = (r: RunCommandResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      stdout.flush();
      stderr.flush();
      resolve(r);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      const detail =
        err.code === 'ENOENT'
          ? `command not found: ${program} (check deploy/rollback in the policy and PATH)`
          : err.code === 'EACCES'
            ? `command not executable: ${program} (chmod +x it)`
            : `could not start ${program}: ${err.message}`;
      finish({ ok: false, code: null, signal: null, detail });
    });
    child.on('close', (code, signal) => {
      // Whatever the group leader left behind is not part of a finished deploy.
      if (timedOut) killGroup('SIGKILL');
      if (timedOut) {
        finish({
          ok: false,
          code,
          signal,
          detail: `${program} timed out after ${Math.round(opts.timeoutMs / 1000)} s and was killed`,
        });
      } else if (code === 0) {
        finish({ ok: true, code, signal, detail: `${program} exited 0` });
      } else {
        finish({
          ok: false,
          code,
          signal,
          detail: signal ? `${program} was killed by ${signal}` : `${program} exited with code ${code}`,
        });
      }
    });
  });
}

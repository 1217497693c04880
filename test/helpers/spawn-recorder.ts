import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * "Nothing ran" and "nothing connected", measured rather than assumed (hostile-repository tests).
 *
 * `recordSpawns(['git', 'npm', 'ssh'])` makes a folder of shims, one per program: each appends
 * one line to a log (its name, then its arguments separated by tabs) and then runs the real
 * program (or, for a program this machine lacks or that `refuse` names, exits 127 without running
 * anything). Put `env(...)`'s PATH in front of whatever starts Slipway and every process it starts
 * by name is in `calls()`.
 *
 * `listenForConnections()` is a TCP listener on 127.0.0.1 standing in for the attacker's host:
 * a policy names `127.0.0.1:<port>` and the test asserts `connections()` stayed 0 (or, for the
 * near miss, grew).
 */

export interface SpawnCall {
  program: string;
  args: string[];
}

export interface SpawnRecorder {
  /** The folder of shims; first on PATH in `env()`. */
  dir: string;
  /** `base` (default: process.env) with the shims first on PATH. */
  env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Every shimmed call so far, in order. */
  calls(): SpawnCall[];
  /** Forget the calls so far. */
  clear(): void;
  dispose(): void;
}

function which(program: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function recordSpawns(
  programs: readonly string[],
  opts: { refuse?: readonly string[] } = {},
): SpawnRecorder {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-shims-'));
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  for (const program of programs) {
    if (!/^[A-Za-z0-9._-]+$/.test(program)) throw new Error(`not a program name: ${program}`);
    const real = opts.refuse?.includes(program) ? undefined : which(program);
    // printf '%s\t' "$@" keeps each argument whole; a newline inside one is rare enough here.
    const record = `{ printf '%s' ${program}; for a in "$@"; do printf '\\t%s' "$a"; done; printf '\\n'; } >> '${log}'`;
    const run = real ? `exec '${real}' "$@"` : 'exit 127';
    writeFileSync(join(dir, program), `#!/bin/sh\n${record}\n${run}\n`);
    chmodSync(join(dir, program), 0o755);
  }
  return {
    dir,
    env: (base = process.env) => ({ ...base, PATH: `${dir}${delimiter}${base.PATH ?? ''}` }),
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => {
              const [program = '', ...args] = l.split('\t');
              return { program, args };
            })
        : [],
    clear: () => writeFileSync(log, ''),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ConnectionListener {
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** A listener on 127.0.0.1 that counts connections and answers nothing (closes each at once). */
export async function listenForConnections(): Promise<ConnectionListener> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('listener has no port');
  return {
    port: address.port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

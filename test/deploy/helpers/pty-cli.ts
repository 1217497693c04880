import { spawn } from 'node:child_process';
import { CLI, CLI_ENV_UNSET } from '../../helpers/cli.js';
import type { Run } from './run-cli.js';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface PtyRun {
  /** Everything the terminal showed so far (the CLI's stdout and stderr, and the echo of what was typed). */
  screen(): string;
  /** Resolves once the screen shows `text`; rejects if the CLI exits first. */
  waitFor(text: string): Promise<void>;
  /** Types a line, as a person would: the text, then Enter. */
  type(line: string): void;
  /** Sends keys as they are, without Enter: `\x03` is Ctrl-C, which the terminal turns into SIGINT. */
  press(keys: string): void;
  done: Promise<Run>;
}

/**
 * Runs the bundled CLI under a real pseudo-terminal: util-linux `script` gives the child a pty
 * for stdin, stdout and stderr (so `process.stdin.isTTY` is true, as for a person at a
 * terminal) and relays what the test writes to its stdin as keystrokes.
 */
export function startCliInPty(args: string[], opts: { cwd: string; env: Record<string, string> }): PtyRun {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...CLI_ENV_UNSET,
    GITHUB_ACTIONS: undefined,
    CI: undefined,
    TERM: 'dumb',
    ...opts.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  // -q no banner, -e the child's exit code, -f flush at once, -c the command; no typescript file.
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd: opts.cwd,
    env: env as NodeJS.ProcessEnv,
  });
  let screen = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (c: Buffer) => {
    screen += c.toString('utf8');
    for (const w of waiters.splice(0)) {
      if (screen.includes(w.text)) w.resolve();
      else waiters.push(w);
    }
  });
  child.stderr.on('data', (c: Buffer) => {
    screen += c.toString('utf8');
  });
  child.stdin.on('error', () => {}); // typing into a CLI that has already exited: its exit says why
  const done = new Promise<Run>((resolve) => {
    child.on('close', (code, signal) => {
      child.stdin.end();
      resolve({ code, signal, stdout: screen, stderr: '' });
    });
  });
  return {
    screen: () => screen,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (screen.includes(text)) return resolve();
        waiters.push({ text, resolve });
        void done.then(() => {
          if (!screen.includes(text)) reject(new Error(`exited before showing "${text}":\n${screen}`));
        });
      }),
    type: (line) => child.stdin.write(`${line}\r`),
    press: (keys) => child.stdin.write(keys),
    done,
  };
}

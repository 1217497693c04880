import type { Readable, Writable } from 'node:stream';
import type { ChangedFile, ChangeSet } from '@slipway/policy-core';
import type { OpenTraceDb } from '@slipway/policy-core/node';
import type { ChangeFlags } from './change-flags.js';

/** What a command gets: its own argv (after the command name) and the process's streams. */
export interface CommandContext {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** `--debug` was given: errors print their stack. */
  debug: boolean;
  /** The git work the bin entry started before loading the command (startEarlyGit). */
  earlyGit?: EarlyGit;
  /** The bundle's worker-thread script (dist/slipway-worker.mjs); absent when run from source. */
  workerScript?: string;
  /**
   * The database `trace` runs on, from the program running the CLI in its own process (a test
   * lends one PGlite emptied between traces); absent, a fresh PGlite per trace (open-trace-db.ts).
   */
  openTraceDb?: OpenTraceDb;
  /** The code cache of the script the command runs in, told how far the run went (code-cache-marks.ts). */
  codeCache?: { reached(mark: string): void };
}

/** Git work for one repository root, asked for before the command was loaded. */
export interface EarlyGit {
  root: string;
  /** `git ls-files -z --full-name`. */
  listing: Promise<Buffer>;
  /** The change set, when the flags alone said which one (`--base`). */
  change?: { flags: ChangeFlags; read: Promise<ChangeSet> };
  /** The uncommitted files (`git status`): the agent gate's session edits so far. */
  status?: Promise<ChangedFile[]>;
}

export interface Command {
  name: string;
  /** Full usage text for `slipway <name> --help`. */
  usage: string;
  /** Resolves to the exit code: 0 ok, 1 findings at error severity or action failed, 2 usage/config. */
  run(ctx: CommandContext): Promise<number>;
}

/** A command as `slipway --help` lists it; its module loads only when it runs. */
export interface CommandEntry {
  name: string;
  /** One line for `slipway --help`. */
  summary: string;
  load(): Promise<Command>;
}

/**
 * An error the user caused and can fix. The CLI prints `message` as one line (no stack) and
 * exits with `exitCode`: 2 for usage or configuration problems, 1 for a failed action.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

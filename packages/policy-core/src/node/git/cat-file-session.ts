import { type ChildProcess, spawn } from 'node:child_process';
import { blobText } from './base-reader.js';
import { readCatFileRecord } from './cat-file-record.js';
import { gitInvocation } from './git-invocation.js';

/** One question to `git cat-file --batch-command`: an object's contents, or its type alone. */
export interface CatFileAsk {
  contents: boolean;
  /** `<commit>:<path>` or a name, as bytes (a path may hold any byte but a newline). */
  object: Buffer;
}

export interface CatFileAnswer {
  oid: string;
  type: string;
  /** A blob's text, for a `contents` question. */
  text?: string;
}

interface Request {
  asks: readonly CatFileAsk[];
  answers: (CatFileAnswer | undefined)[];
  resolve(answers: (CatFileAnswer | undefined)[]): void;
  reject(error: Error): void;
}

// Idle this long, the process ends (a later question starts another).
const IDLE_MS = 1000;

/** git's arguments for a session. */
export const CAT_FILE_SESSION_ARGS = ['cat-file', '--batch-command', '-z'] as const;

/**
 * A session's process started ahead for a repository (startGitTogether), by its directory: the
 * first session there takes it instead of starting its own. Each process start blocks this
 * thread until git has started; one started beside others costs none of its own.
 */
const startedAhead = new Map<string, ChildProcess>();

/**
 * Offers `child`, a `git cat-file --batch-command -z` of the repository at `cwd` started as a
 * session would start it (gitInvocation of `cwd`), to the first session of `cwd`. It holds
 * nothing open: unused, it ends with this process.
 */
export function offerCatFileProcess(cwd: string, child: ChildProcess): void {
  holdLoop(child, false);
  // One offered at a time: an earlier one nobody took ends now, not with this process.
  startedAhead.get(cwd)?.stdin?.end();
  // Until a session takes it, a failed start is nobody's business (the session then starts its own).
  child.on('error', () => startedAhead.get(cwd) === child && startedAhead.delete(cwd));
  startedAhead.set(cwd, child);
}

/** The process offered for `cwd`, when it is still running; it is then no longer offered. */
function takeStartedAhead(cwd: string): ChildProcess | undefined {
  const child = startedAhead.get(cwd);
  startedAhead.delete(cwd);
  return child && child.exitCode === null && child.signalCode === null && child.pid !== undefined
    ? child
    : undefined;
}

/**
 * One `git cat-file --batch-command -z` kept open for the questions a check asks in turns (the
 * policy at base, then what the rules will ask, a level at a time): one process instead of one
 * per turn, where each process start costs a check more than the answer. Questions are written
 * as they come and answered in order (without --buffer git flushes after each). It holds the
 * event loop only while a question waits, ends itself when idle, and once it fails every later
 * question fails at once: the callers then ask as they did without it.
 */
export class CatFileSession {
  private child: ChildProcess | undefined;
  private readonly queue: Request[] = [];
  /** Output not parsed yet, and how many bytes the next answer needs before it can be. */
  private chunks: Buffer[] = [];
  private chunkBytes = 0;
  private need = 1;
  private idle: NodeJS.Timeout | undefined;
  private broken: Error | undefined;

  constructor(private readonly cwd: string) {}

  /** Answers in the order asked; undefined where git says missing or ambiguous. */
  ask(asks: readonly CatFileAsk[]): Promise<(CatFileAnswer | undefined)[]> {
    if (this.broken) return Promise.reject(this.broken);
    if (asks.some((a) => a.object.includes(10)))
      return Promise.reject(new Error('a name with a newline cannot be asked on one line'));
    if (asks.length === 0) return Promise.resolve([]);
    clearTimeout(this.idle);
    const child = this.started();
    return new Promise((resolve, reject) => {
      this.queue.push({ asks, answers: [], resolve, reject });
      holdLoop(child, true);
      const words = asks.map((a) =>
        Buffer.concat([Buffer.from(a.contents ? 'contents ' : 'info '), a.object]),
      );
      child.stdin?.write(Buffer.concat(words.flatMap((w) => [w, Buffer.of(0)])));
    });
  }

  /** Ends the process; questions still waiting fail. */
  close(): void {
    clearTimeout(this.idle);
    const child = this.child;
    this.child = undefined;
    child?.stdin?.end();
    this.fail(new Error('the cat-file session was closed'), false);
  }

  private started(): ChildProcess {
    if (this.child) return this.child;
    const child = takeStartedAhead(this.cwd) ?? this.spawned();
    this.child = child;
    this.chunks = [];
    this.chunkBytes = 0;
    this.need = 1;
    child.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
    child.stdin?.on('error', () => {}); // the exit below says what went wrong
    child.on('error', (err) => this.fail(err, true));
    child.on('exit', (code) => {
      if (this.child === child) this.child = undefined;
      if (this.queue.length > 0) this.fail(new Error(`git cat-file exited with ${code}`), true);
    });
    return child;
  }

  private spawned(): ChildProcess {
    const git = gitInvocation(this.cwd, CAT_FILE_SESSION_ARGS);
    return spawn('git', git.args, {
      cwd: this.cwd,
      env: git.env,
      stdio: ['pipe', 'pipe', 'ignore'],
      windowsHide: true,
    });
  }

  private read(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.chunkBytes += chunk.length;
    // A large blob arrives in many chunks: joined once it is all there, not at every chunk.
    if (this.chunkBytes < this.need) return;
    let out = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    for (;;) {
      const request = this.queue[0];
      if (!request) break;
      const ask = request.asks[request.answers.length] as CatFileAsk;
      const parsed = parseAnswer(out, ask);
      if (parsed === 'garbled') {
        this.fail(new Error('git cat-file answered out of step'), true);
        return;
      }
      if ('need' in parsed) {
        this.need = parsed.need;
        break;
      }
      this.need = 1;
      request.answers.push(parsed.answer);
      out = out.subarray(parsed.used);
      if (request.answers.length === request.asks.length) {
        this.queue.shift();
        request.resolve(request.answers);
      }
    }
    this.chunks = out.length > 0 ? [out] : [];
    this.chunkBytes = out.length;
    if (this.queue.length === 0) this.rest();
  }

  /** Nothing waits: let the process go if nothing else holds this one, and end it when idle. */
  private rest(): void {
    if (this.child) holdLoop(this.child, false);
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.close(), IDLE_MS);
    this.idle.unref();
  }

  private fail(error: Error, lasting: boolean): void {
    if (lasting) this.broken = error;
    for (const r of this.queue.splice(0)) r.reject(error);
    if (lasting) {
      this.child?.kill();
      this.child = undefined;
    }
  }
}

/** One answer at the start of `out` and the bytes it took, or how many bytes it needs first. */
function parseAnswer(
  out: Buffer,
  ask: CatFileAsk,
): { answer: CatFileAnswer | undefined; used: number } | { need: number } | 'garbled' {
  const record = readCatFileRecord(out, ask.object, ask.contents);
  switch (record.kind) {
    case 'need':
      return { need: record.bytes };
    case 'missing':
      return { answer: undefined, used: record.used };
    case 'object': {
      const { oid, type, bytes } = record;
      return {
        answer: { oid, type, ...(bytes && type === 'blob' ? { text: blobText(bytes) } : {}) },
        used: record.used,
      };
    }
    default:
      return 'garbled'; // no --follow-symlinks here: a not-a-file answer is out of step
  }
}

/** Whether the child (and its output pipe) keeps this process running: only while a question waits. */
function holdLoop(child: ChildProcess, hold: boolean): void {
  const pipe = child.stdout as unknown as { ref?(): void; unref?(): void } | null;
  if (hold) {
    child.ref();
    pipe?.ref?.();
  } else {
    child.unref();
    pipe?.unref?.();
  }
}

import type { ShellEffects, ShellWrite, UnknownKind } from './effects.js';
import type { ShNode, ShRedirect, ShStmt, ShWord } from './sh-ast.js';
import type { WordValue } from './word-value.js';
import { wordSpan, wordValue } from './word-value.js';
import { PROCESS_PATH } from '../process-paths.js';

/**
 * The working directories a part of a command may run in, relative to the command's own ('' is
 * it, `sub`, `../x` or an absolute path), or undefined once a `cd` went somewhere the text does
 * not say. Several when a `cd` may have failed (`cd x; rm f` removes `x/f`, or `f` if there is no
 * `x`). Past `MAX_CWDS` candidates: unknown.
 */
export type Cwds = readonly string[] | undefined;
const MAX_CWDS = 8;

/** One argument of a simple command: its value, and its text as written (for messages). */
export interface Arg {
  word: ShWord;
  value: WordValue;
  source: string;
}

/** What a walk keeps: the effects so far, the command's bytes (for source text), nesting. */
export interface WalkContext {
  effects: ShellEffects;
  bytes: Uint8Array;
  /** How many `bash -c`/`eval` strings deep this walk is. */
  depth: number;
  /** Shell functions the command defines: read where defined, and again where called (calls.ts). */
  functions: Set<string>;
  /** Each function's body, by name (the last definition read), and the functions being called now. */
  functionBodies: Map<string, ShStmt>;
  calling: string[];
  /**
   * What the whole command holds, for attacks spread over its statements: text holding `$(` and
   * arithmetic (arithmetic-code.ts), the links it makes (`ln -s ../.. u`: throughLink).
   */
  marks: { codeText: boolean; arithmetic: boolean; links: string[] };
  /** The standard input of the simple command being read, when a heredoc in it gives it whole. */
  stdin?: string;
  /** The statement being read is fed by a pipe (its input is not its heredoc's alone, in zsh). */
  piped?: boolean;
  /** The folders the simple command being read runs in (runArgs sets them), for its unknowns. */
  cwdsNow?: Cwds;
  seen: Set<string>;
  /**
   * CDPATH is set in the environment the command runs in: `cd hooks` may go to a CDPATH entry's
   * `hooks/` (`.github/hooks/`), not the folder's own, so where a relative cd leads is not known.
   */
  inheritedCdpath?: true;
  /** The walk (walk.ts), handed in so the commands it reads can read nested code with it. */
  walkStmts(ctx: WalkContext, stmts: readonly ShStmt[], cwds: Cwds): Outcome;
  walkNested(ctx: WalkContext, node: unknown, cwds: Cwds): void;
}

/** Where a statement leaves the working directory: when it succeeded, and when it failed. */
export interface Outcome {
  ok: Cwds;
  fail: Cwds;
}

/** A statement with the fields every step reads. */
export interface ReadStmt {
  stmt: ShStmt;
  cmd: ShNode | null;
  type: string;
  /** A simple command's words (empty for other commands). */
  words: ShWord[];
  redirs: ShRedirect[];
}

const decoder = new TextDecoder();

/** The text of a node as the command wrote it. */
export function sourceOf(
  ctx: WalkContext,
  node: { Pos(): { Offset(): number }; End(): { Offset(): number } },
): string {
  return decoder.decode(ctx.bytes.subarray(node.Pos().Offset(), node.End().Offset()));
}

export function argOf(ctx: WalkContext, word: ShWord): Arg {
  // The source text is for messages only: read when one is written.
  let source: string | undefined;
  return {
    word,
    value: wordValue(word),
    get source() {
      const span = wordSpan(word);
      source ??= span ? decoder.decode(ctx.bytes.subarray(span[0], span[1])) : sourceOf(ctx, word as never);
      return source;
    },
  };
}

export function unionCwds(a: Cwds, b: Cwds): Cwds {
  if (!a || !b) return undefined;
  const all = [...new Set([...a, ...b])];
  return all.length > MAX_CWDS ? undefined : all;
}

export function sameCwds(a: Cwds, b: Cwds): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((c) => b.includes(c));
}

/** Whether a statement leaves the shell where it was, whether it succeeds or fails. */
export function staysIn(after: Outcome, cwds: Cwds): boolean {
  return sameCwds(after.ok, cwds) && sameCwds(after.fail, cwds);
}

/** An argument's text when the shell passes it as written (not a glob, not a variable). */
export function argText(arg: Arg | undefined): string | undefined {
  return arg?.value.static && !arg.value.pattern ? arg.value.text : undefined;
}

/** `path` seen from `cwd`: joined, `.` segments dropped, `..` folded where it can be. */
export function joinCwd(cwd: string, path: string): string {
  if (path.startsWith('/') || cwd === '') return tidy(path);
  return tidy(`${cwd}/${path}`);
}

/** Whether a path has a `..` segment (where a link before it would make the folded path wrong). */
export function climbs(path: string): boolean {
  return path.split('/').includes('..');
}

function tidy(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part === '..' && absolute) continue;
    else out.push(part);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined === '' ? '.' : joined;
}

/** Files that are never a write: the bit bucket, the terminal, the standard streams. */
const NOT_FILES = /^\/dev\/(null|stdout|stderr|stdin|tty|fd\/\d+|zero|full|random|urandom)$/;

export function addUnknown(ctx: WalkContext, what: string, why: string, kind: UnknownKind): void {
  const key = `u\0${what}\0${why}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  const runsIn = ctx.cwdsNow;
  ctx.effects.unknown.push({ what, why, kind, ...(runsIn ? { runsIn: [...runsIn] } : {}) });
}

/**
 * `arg` is written by `how`, seen from each of `cwds`. A target the text does not give, or a
 * relative one after a `cd` nobody can follow, is an unknown instead.
 */
export function addWrite(
  ctx: WalkContext,
  cwds: Cwds,
  arg: Arg,
  how: string,
  what: string,
  extra: Partial<
    Pick<
      ShellWrite,
      | 'content'
      | 'deletes'
      | 'tree'
      | 'lands'
      | 'restoredFrom'
      | 'restoredFromUnknown'
      | 'restoredFromIndex'
      | 'cleans'
      | 'cleansNested'
      | 'matching'
    >
  > = {},
  /** What a copy or a move writes `arg` from (ShellWrite.from), seen from the same directory. */
  from?: Arg,
): void {
  const value = arg.value;
  if (!value.static) {
    addUnknown(ctx, what, `the ${how} target ${arg.source} is not known: ${value.why}`, 'dynamic');
    return;
  }
  if (!value.pattern && NOT_FILES.test(value.text)) return;
  // `/proc/self/cwd/db/x.sql`, `/dev/fd/3/x.sql` (after `exec 3<db`): the shell's own folders,
  // which only the running shell resolves.
  if (PROCESS_PATH.test(value.text)) {
    addUnknown(
      ctx,
      what,
      `the ${how} target ${arg.source} is reached through the shell's own /proc or /dev/fd`,
      'dynamic',
    );
    return;
  }
  const absolute = value.text.startsWith('/') || value.notLiteral !== undefined;
  if (!absolute && !cwds) {
    // With CDPATH inherited, say so: the cd looked right, the folder it reached may not be.
    const cdpath = ctx.inheritedCdpath
      ? ' (CDPATH is set, so a relative cd may lead into one of its folders)'
      : '';
    addUnknown(ctx, what, `${arg.source} is relative to a directory a cd before it moved to${cdpath}`, 'cwd');
    return;
  }
  for (const cwd of absolute ? [''] : cwds!) {
    const path = value.notLiteral
      ? value.pattern
        ? value.glob
        : value.text
      : value.pattern
        ? joinCwd(escapeForGlob(cwd), value.glob)
        : joinCwd(cwd, value.text);
    // As written, `..` kept: a glob's in glob syntax (`docs/cur/../*.yaml` is B's *.yaml when
    // docs/cur leads to B/db).
    const raw = value.pattern
      ? absolute || cwd === ''
        ? value.glob
        : `${escapeForGlob(cwd)}/${value.glob}`
      : absolute || cwd === ''
        ? value.text
        : `${cwd}/${value.text}`;
    pushWrite(ctx, {
      path,
      how,
      ...(!value.notLiteral && climbs(raw) ? { unfolded: raw } : {}),
      ...(/\/\.?$/.test(raw) ? { slash: true as const } : {}),
      ...extra,
      ...(value.pattern ? { pattern: true as const } : {}),
      ...(value.notLiteral ? { notLiteral: value.notLiteral } : {}),
      // An absolute destination is written once, not per directory: the source's own directory then.
      ...(from ? copySource(from, absolute ? (cwds?.length === 1 ? cwds[0] : undefined) : cwd) : {}),
    });
  }
}

/** A copy's source seen from `cwd`, or unknown when the text does not give it (or its directory). */
function copySource(
  from: Arg,
  cwd: string | undefined,
): Pick<ShellWrite, 'from' | 'fromPattern' | 'fromUnknown'> {
  const v = from.value;
  if (!v.static || v.notLiteral !== undefined || (cwd === undefined && !v.text.startsWith('/')))
    return { from: from.source, fromUnknown: true };
  cwd ??= '';
  return v.pattern
    ? { from: joinCwd(escapeForGlob(cwd), v.glob), fromPattern: true }
    : { from: joinCwd(cwd, v.text) };
}

export function pushWrite(ctx: WalkContext, write: ShellWrite): void {
  const key = `w\0${write.path}\0${write.how}\0${write.content ?? ''}\0${write.from ?? ''}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  // The link command's own writes (its name, a target seen from it) are not through it.
  if (!/^(ln|link) /.test(write.how) && throughLink(ctx, write.path))
    addUnknown(
      ctx,
      `${write.how} ${write.path}`,
      'the path goes through a link this command makes, which the disk does not hold yet',
      'targets',
    );
  ctx.effects.writes.push(write);
  // `ln -s ../.. u`: a later `> u/db/x.sql` lands where the link leads, not under u/.
  if ((write.how === 'ln (to)' || write.how === 'link (to)') && write.path !== '' && !write.pattern)
    ctx.marks.links.push(write.path);
}

/**
 * Whether `path` (as the walk joins it) goes through a link the command made before it: where it
 * lands is the link's target's, which the gate, reading the disk before the command runs, cannot
 * see (a red team's `ln -s ../.. u && echo 'DROP TABLE users;' > u/…/db/002.sql`).
 */
export function throughLink(ctx: WalkContext, path: string): boolean {
  return ctx.marks.links.some((link) => path.startsWith(`${link}/`));
}

function escapeForGlob(text: string): string {
  return text.replace(/[*?[\]{}()!+@|\\]/g, '\\$&');
}

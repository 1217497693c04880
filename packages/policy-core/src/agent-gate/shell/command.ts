import { CODE_TEXT } from './arithmetic-code.js';
import { expandBraces } from './braces.js';
import { markAssignment } from './assignment-marks.js';
import { callFunction } from './calls.js';
import {
  READ_ONLY,
  RUNNERS,
  SHELLS,
  INTERPRETERS,
  isReadOnlyRunner,
  readsWithoutOutput,
} from './commands.js';
import type { Arg, Cwds, Outcome, ReadStmt, WalkContext } from './context.js';
import { addUnknown, argOf, argText, climbs, joinCwd, sourceOf, staysIn, throughLink } from './context.js';
import { gitEffects } from './git.js';
import { hijackingAssignment, readerRunsProgram, systemPath } from './hijack.js';
import { plainWord } from './word-value.js';
import { nestedShell } from './nested-shell.js';
import { nodeType } from './parse-shell.js';
import { shellRun } from './shell-words.js';
import { stdinText } from './redirect-content.js';
import type { ShNode } from './sh-ast.js';
import { builtinEffects } from './variable-setters.js';
import { writerEffects, WRITERS } from './writers.js';
import { unwrap } from './wrapper-options.js';
import { gitFileWriter, xargsReplace, xargsWrites } from './xargs-writes.js';

/**
 * A simple command (`name args…` with its assignments): what it writes, by its name once
 * wrappers (`sudo`, `env`, `timeout`, `xargs` …) are taken off, and where it leaves the working
 * directory (`cd`, `pushd`).
 */
export function commandEffects(ctx: WalkContext, read: ReadStmt, call: ShNode, cwds: Cwds): Outcome {
  const what = sourceOf(ctx, read.stmt as never);
  const words = read.words;
  // Commands in the words or the assignments (`$( … )`): one walk of the whole call, and only
  // when a word is not plain literal text (the walk converts every node it passes).
  if (!words.every(plainWord) || (call.Assigns ?? []).length > 0) ctx.walkNested(ctx, call, cwds);
  for (const assign of call.Assigns ?? []) {
    hijackingAssignment(ctx, assign.Name?.Value, what, nodeType(assign.Array) === 'ArrayExpr');
    markAssignment(ctx, assign);
  }
  if (words.length === 0) return { ok: cwds, fail: cwds };
  const husky = (call.Assigns ?? []).some((a) => a.Name?.Value === 'HUSKY' || a.Name?.Value === 'SKIP_HOOKS');
  // This command's own input only: a command inside it (`bash -c 'x | tee f' <<EOF`) reads its own.
  const { stdin: _outer, ...rest } = ctx;
  const stdin = stdinText(read, ctx.piped === true)?.text;
  const args = words.flatMap((w) => expandBraces(argOf(ctx, w)));
  if (args.some((a) => a.value.static && CODE_TEXT.test(a.value.text))) ctx.marks.codeText = true;
  return runArgs(stdin === undefined ? rest : { ...rest, stdin }, args, cwds, what, {
    husky,
    fromXargs: false,
    replace: undefined,
    builtin: false,
  });
}

interface RunFlags {
  /** `HUSKY=0 git commit`: the assignment turns the repository's hooks off. */
  husky: boolean;
  /** The arguments come after `xargs`: more are read from its input, so targets are unknown. */
  fromXargs: boolean;
  /** xargs's replace string (`-I {}`), when it has one (xargsReplace). */
  replace: string | undefined;
  /** After `builtin` or `command`: a function of the name is not what runs. */
  builtin: boolean;
}

export function runArgs(ctx: WalkContext, args: Arg[], cwds: Cwds, what: string, flags: RunFlags): Outcome {
  const same = { ok: cwds, fail: cwds };
  ctx.cwdsNow = cwds;
  const first = args[0];
  if (!first) return same;
  if (!first.value.static || first.value.pattern || first.value.notLiteral) {
    addUnknown(
      ctx,
      what,
      `the command's name ${first.source} is not known: ${first.value.static ? 'a pattern or home expansion' : first.value.why}`,
      'dynamic',
    );
    return same;
  }
  if (!systemPath(first.value.text)) {
    addUnknown(ctx, what, `${first.source} is a program at a path Slipway does not know`, 'unknown-program');
    return same;
  }
  // `/bin/rm`, `/usr/bin/git`: the program's base name says what it is.
  const name = first.value.text.replace(/^.*\//, '');
  const rest = args.slice(1);
  // `builtin cd`, `command rm`: the builtin or program, not a function of that name.
  if (ctx.functions.has(first.value.text) && !flags.builtin) return callFunction(ctx, first.value.text, cwds);
  if (name === 'cd' || name === 'pushd') return changeDirectory(ctx, name, rest, cwds, what);
  if (name === 'popd') return { ok: undefined, fail: cwds };
  // `env PATH=. ls` sets what `VAR=x ls` would.
  if (name === 'env')
    for (const a of rest)
      if (a.value.static && /^[A-Za-z_]\w*=/.test(a.value.text))
        hijackingAssignment(ctx, a.value.text.slice(0, a.value.text.indexOf('=')), what);
  const unwrapped = unwrap(name, rest);
  if (unwrapped === 'unknown') {
    addUnknown(ctx, what, `${name}'s options are not read by Slipway`, 'runs-code');
    return same;
  }
  if (unwrapped) {
    if (unwrapped.chdir) {
      addUnknown(ctx, what, `${name} changes the directory before it runs the command`, 'cwd');
      return same;
    }
    const xargs = name === 'xargs';
    return runArgs(ctx, unwrapped.args, cwds, what, {
      ...flags,
      builtin: flags.builtin || name === 'builtin' || name === 'command',
      fromXargs: flags.fromXargs || xargs,
      replace: xargs ? xargsReplace(rest.slice(0, rest.length - unwrapped.args.length)) : flags.replace,
    });
  }
  const writesByInput = name === 'git' ? gitFileWriter(rest) !== undefined : WRITERS[name] !== undefined;
  if (flags.fromXargs && (name !== 'git' || writesByInput) && !READ_ONLY.has(name)) {
    addUnknown(
      ctx,
      what,
      `xargs runs ${name} on arguments read from its input`,
      writesByInput ? 'targets' : 'unknown-program',
    );
    if (writesByInput) xargsWrites(ctx, first, name, rest, cwds, what, flags.replace);
    if (name !== 'git') return same;
  }
  if (name === 'git') {
    gitEffects(ctx, rest, cwds, what, flags.husky);
    return same;
  }
  if (WRITERS[name]) {
    writerEffects(ctx, name, rest, cwds, what);
    return same;
  }
  if (name === 'eval' || name === 'trap') {
    const code = name === 'trap' ? rest.slice(0, 1) : rest;
    const after = nestedShell(ctx, code, cwds, what, name);
    if (after === undefined || staysIn(after, cwds)) return same;
    // eval runs its code in the shell itself: a `cd` there stays. A trap's code runs later, before
    // every command (DEBUG) or after each failure (ERR): a `cd` there leaves every later folder unknown.
    return name === 'eval' ? after : { ok: undefined, fail: undefined };
  }
  if (SHELLS.has(name)) {
    const run = shellRun(name, rest);
    if ('code' in run) nestedShell(ctx, [run.code], cwds, what, `${name} -c`);
    else addUnknown(ctx, what, run.unknown, 'runs-code');
    return same;
  }
  if (name === 'source' || name === '.') {
    addUnknown(ctx, what, `${name} runs a script Slipway does not read`, 'runs-code');
    return same;
  }
  if (name === 'alias' || name === 'hash' || name === 'enable') {
    // `alias ls='rm f'` (with expand_aliases), `hash -p ./x ls`, `enable -f x.so ls`: a name now runs something else.
    if (rest.some((a) => !a.value.static || a.value.text.includes('=') || a.value.text.startsWith('-')))
      addUnknown(ctx, what, `${name} changes what a command name runs`, 'runs-code');
    return same;
  }
  if (
    name === 'export' ||
    name === 'declare' ||
    name === 'typeset' ||
    name === 'readonly' ||
    name === 'local'
  )
    for (const a of rest)
      hijackingAssignment(ctx, a.value.static ? a.value.text.split('=')[0] : undefined, what);
  if (
    READ_ONLY.has(name) &&
    readerRunsProgram(
      name,
      rest.map((a) => (a.value.static ? a.value.text : '')),
    )
  ) {
    addUnknown(ctx, what, `${name} runs a program an option names`, 'runs-code');
    return same;
  }
  if (builtinEffects(ctx, name, rest, cwds, what)) return same;
  if (READ_ONLY.has(name) || isReadOnlyRunner(name, rest) || readsWithoutOutput(name, rest)) return same;
  if (INTERPRETERS.has(name) || /^python\d/.test(name) || RUNNERS.has(name)) {
    addUnknown(ctx, what, `${name} runs code Slipway does not read (it may write any file)`, 'runs-code');
    return same;
  }
  addUnknown(ctx, what, `${name} is a program Slipway does not know: it may write files`, 'unknown-program');
  return same;
}

function changeDirectory(ctx: WalkContext, name: string, rest: Arg[], cwds: Cwds, what: string): Outcome {
  // Options up to `--` or the first operand (`cd -- core` goes to core); `pushd -n` only adds to
  // the stack, and the shell stays where it is.
  let at = 0;
  let noChange = false;
  for (; at < rest.length; at++) {
    const word = argText(rest[at]);
    if (word === '--') {
      at++;
      break;
    }
    if (word === undefined || !/^-[LPe@n]+$/.test(word)) break;
    if (name === 'pushd' && word.includes('n')) noChange = true;
  }
  if (noChange) return { ok: cwds, fail: cwds };
  const target = rest[at];
  // `cd -` goes back, `pushd +1` / `-0` (zsh's `cd +1` too) to an entry of the directory stack,
  // zsh's `cd old new` to $PWD with old replaced by new: where, only the shell's past says.
  const back =
    rest.length > at + 1 || (target?.value.static === true && /^(-|[+-]\d+)$/.test(target.value.text));
  if (!target?.value.static || target.value.pattern || target.value.notLiteral || back) {
    void what;
    void ctx;
    return { ok: undefined, fail: cwds };
  }
  const dir = target.value.text;
  // CDPATH inherited from the environment: `cd hooks` tries each of its entries first.
  if (ctx.inheritedCdpath && !/^(\/|\.\.?(\/|$))/.test(dir)) return { ok: undefined, fail: cwds };
  // `cd -P x/..` steps up from where a link x leads (the shell's default, -L, folds the text as
  // joinCwd does): which folder that is, only the disk can say.
  const physical = rest.some((a) => a.value.static && /^-[LPe@]*P[e@]*$/.test(a.value.text));
  if (physical && climbs(dir)) return { ok: undefined, fail: cwds };
  // Into a link this command made (`ln -s ../.. u && cd u/…`): the folder is the link's target's.
  if (cwds?.some((c) => throughLink(ctx, `${joinCwd(c, dir)}/`))) return { ok: undefined, fail: cwds };
  return { ok: cwds?.map((c) => joinCwd(c, dir)) ?? (dir.startsWith('/') ? [dir] : undefined), fail: cwds };
}

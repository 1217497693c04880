import type { Arg, Cwds, WalkContext } from './context.js';
import { addWrite, argText } from './context.js';
import { withText } from './writer-call.js';

/** Writers that remove what they are given (or move it away). */
const REMOVERS = new Set(['rm', 'unlink', 'rmdir', 'shred', 'mv']);
/** git subcommands that write the work-tree files their arguments name. */
const GIT_FILE_WRITERS = new Set(['rm', 'mv', 'checkout', 'restore', 'clean', 'apply']);

/**
 * `xargs`'s replace string (`-I X`, `-IX`, `-i`, `-iX`, `--replace[=X]`: `{}` when not given; BSD's
 * `-J X`), or undefined when it appends what it reads instead. The options as GNU findutils'
 * manual ("Interspersing File Names") and BSD xargs(1) describe them.
 */
export function xargsReplace(options: readonly Arg[]): string | undefined {
  let replace: string | undefined;
  for (let i = 0; i < options.length; i++) {
    const t = argText(options[i]) ?? '';
    if (t === '-I' || t === '-J') replace = argText(options[++i]) ?? '{}';
    else if (/^-[IJ]./.test(t)) replace = t.slice(2);
    else if (t === '-i' || t === '--replace') replace = '{}';
    else if (/^-i./.test(t)) replace = t.slice(2);
    else if (t.startsWith('--replace=')) replace = t.slice(10) || '{}';
  }
  return replace;
}

/**
 * `git <args>`'s subcommand, when it is one that writes the work-tree files its arguments name
 * (`xargs git rm`), with the words after it.
 */
export function gitFileWriter(args: readonly Arg[]): { sub: string; after: Arg[] } | undefined {
  for (let i = 0; i < args.length; i++) {
    const t = argText(args[i]);
    if (t === '-C' || t === '-c') i++;
    else if (t === undefined || !t.startsWith('-'))
      return t !== undefined && GIT_FILE_WRITERS.has(t) ? { sub: t, after: args.slice(i + 1) } : undefined;
  }
  return undefined;
}

/**
 * A writer run by xargs (`ls | xargs rm`, `find . | xargs -0 rm -f`, `xargs -I{} rm db/{}`): its
 * targets are what xargs reads, which the command does not show. Besides the unknown part the
 * walk reports, each place it may write is written whole, so the repository there judges it by
 * the files under it (a policy file among them is refused): the folder it runs in (a relative
 * name read lands there), each word of its own naming a file or folder (`xargs rm slipway.yaml`,
 * `xargs mv -t db`), and with a replace string the folder before it (`db/{}`: db). A name read
 * may still climb out of them (`../x`, `/abs`): the unknown part stays.
 */
export function xargsWrites(
  ctx: WalkContext,
  program: Arg,
  name: string,
  rest: readonly Arg[],
  cwds: Cwds,
  what: string,
  replace: string | undefined,
): void {
  const git = name === 'git' ? gitFileWriter(rest) : undefined;
  const words = git ? git.after : rest;
  const how = `xargs ${name}${git ? ` ${git.sub}` : ''}`;
  const extra = REMOVERS.has(git?.sub ?? name)
    ? { deletes: true as const, tree: true as const }
    : { tree: true as const };
  if (replace === undefined) addWrite(ctx, cwds, withText(program, '.'), how, what, extra);
  for (const arg of words) {
    const v = arg.value;
    if (!v.static || v.pattern || v.notLiteral !== undefined) continue;
    const at = replace === undefined ? -1 : v.text.indexOf(replace);
    if (at === -1) {
      if (!v.text.startsWith('-')) addWrite(ctx, cwds, arg, how, what, extra);
      continue;
    }
    // The folder the replace string's segment sits in: `db/{}.sql` is under db, `{}` where it runs.
    const folder = v.text.slice(0, at).replace(/[^/]*$/, '');
    addWrite(ctx, cwds, withText(arg, folder === '' ? '.' : folder), how, what, extra);
  }
}

// `git init`, read as the write of the git directory it makes (git.ts hands it over).
import type { Arg, Cwds, WalkContext } from './context.js';
import { addUnknown, addWrite, argText as text } from './context.js';
import { withoutTrailingSlashes } from '../../trailing-slashes.js';

/** The command's own directory, for `git init` naming none. */
const HERE: Pick<Arg, 'source' | 'value'> = {
  source: '.',
  value: { static: true, text: '.', glob: '.', pattern: false },
};

/** `git init`'s options whose value may be the next word. */
const INIT_VALUE_OPTIONS = new Set([
  '-b',
  '--initial-branch',
  '--separate-git-dir',
  '--template',
  '--object-format',
  '--ref-format',
]);

/**
 * `git init [dir]` makes `dir/.git` (a new repository, or new hooks from `--template` in an
 * existing one), and `--separate-git-dir=<d>` a git directory at d with `dir/.git` naming it: a
 * repository made inside a governed one moves the root every path under it is judged from (its
 * `db/002.sql` is `002.sql` there). Each is judged as a write of that git directory, which the
 * gate refuses in a repository.
 */
export function gitInit(ctx: WalkContext, cwds: Cwds, rest: Arg[], what: string): void {
  let dir: Arg | undefined;
  for (let k = 0; k < rest.length; k++) {
    const a = rest[k]!;
    const t = text(a);
    if (t === undefined) return void addUnknown(ctx, what, 'a git init argument is not known', 'dynamic');
    if (t === '--') {
      dir = rest[k + 1];
      break;
    }
    if (!t.startsWith('-')) {
      dir ??= a;
      continue;
    }
    const name = t.split('=')[0]!;
    const valueArg = t.includes('=') ? undefined : INIT_VALUE_OPTIONS.has(name) ? rest[++k] : undefined;
    if (name === '--separate-git-dir') {
      if (valueArg !== undefined) addWrite(ctx, cwds, valueArg, 'git init --separate-git-dir', what);
      else addWrite(ctx, cwds, withText(a, t.slice(t.indexOf('=') + 1)), 'git init --separate-git-dir', what);
    }
  }
  const base = dir === undefined ? '.' : text(dir);
  if (base === undefined) return void addUnknown(ctx, what, 'the git init directory is not known', 'dynamic');
  addWrite(
    ctx,
    cwds,
    withText(dir ?? { ...rest[0]!, ...HERE }, `${withoutTrailingSlashes(base)}/.git`),
    'git init',
    what,
  );
}

/** `a` standing for the literal path `t` (a path the command implies, as `dir/.git`). */
function withText(a: Arg, t: string): Arg {
  const notLiteral = a.value.static ? a.value.notLiteral : undefined;
  return {
    word: a.word,
    source: a.source,
    value: { static: true, text: t, glob: t, pattern: false, ...(notLiteral ? { notLiteral } : {}) },
  };
}

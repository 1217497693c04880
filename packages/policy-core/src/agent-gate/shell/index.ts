import type { ShellEffects } from './effects.js';
import { emptyEffects } from './effects.js';
import { arithmeticCode } from './arithmetic-code.js';
import { parseShell } from './parse-shell.js';
import { plainlyReadOnly } from './plainly-read-only.js';
import { withStaleCommits, withStaleRestores } from './restores.js';
import { walkNested, walkStmts } from './walk.js';

export type {
  ShellCommit,
  ShellEffects,
  ShellPush,
  ShellRefWrite,
  ShellUnknown,
  ShellWrite,
  UnknownKind,
} from './effects.js';
export { emptyEffects } from './effects.js';
export type { CommitTakes } from './git-commit-scope.js';
export { loadShellParser, pastShellLimits, shellParserLoadMs } from './parse-shell.js';

/**
 * What a shell command (a coding agent's Bash tool call) would write, push and skip, read from
 * its text alone with a real bash parser (mvdan/sh): no disk, no process. Paths are as the
 * command names them, relative to its working directory (see ShellWrite). Never throws: a
 * command that cannot be read has `unreadable` set, and the gate fails closed on it.
 * The first call loads the parser (see loadShellParser). `environment.cdpath`: the CDPATH the
 * command's shell inherits (a relative `cd` may then lead elsewhere: context.ts).
 */
export async function shellEffects(
  command: string,
  environment: { cdpath?: string | undefined } = {},
): Promise<ShellEffects> {
  const effects = emptyEffects();
  // `git status`, `ls`, `grep … | head`: read-only on their face, no parser loaded.
  if (plainlyReadOnly(command)) return effects;
  const file = await parseShell(command);
  if (typeof file === 'string') return { ...effects, unreadable: file };
  const functions = new Set<string>();
  const marks = { codeText: false, arithmetic: false, links: [] as string[] };
  try {
    walkStmts(
      {
        effects,
        bytes: new TextEncoder().encode(command),
        depth: 0,
        functions,
        functionBodies: new Map(),
        calling: [],
        marks,
        seen: new Set(),
        ...(environment.cdpath ? { inheritedCdpath: true as const } : {}),
        walkStmts,
        walkNested,
      },
      file.Stmts,
      [''],
    );
  } catch (error) {
    // A tree deeper than the stack: the parser read it, the walk cannot.
    if (error instanceof RangeError)
      return { ...emptyEffects(), unreadable: 'the command nests too deeply to read' };
    throw error;
  }
  arithmeticCode(effects, marks, command);
  return withStaleCommits(withStaleRestores(withBuiltinTexts(effects, functions)));
}

/**
 * A write's text is known only where `echo`, `printf`, `cat` and `tee` are what they say: a
 * function of that name anywhere in the command (a loop may call one defined after the write)
 * prints what its body says instead.
 */
function withBuiltinTexts(effects: ShellEffects, functions: ReadonlySet<string>): ShellEffects {
  if (!['echo', 'printf', 'cat', 'tee'].some((name) => functions.has(name))) return effects;
  return { ...effects, writes: effects.writes.map(({ content: _, ...w }) => w) };
}

export { plainlyReadOnly } from './plainly-read-only.js';

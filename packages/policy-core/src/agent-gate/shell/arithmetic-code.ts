import type { ShellEffects } from './effects.js';

/** Text that holds a command substitution as plain characters. */
export const CODE_TEXT = /\$\(|`/;

/**
 * Text holding a command substitution (`x='a[$(rm f)]'`) runs when bash evaluates it as an
 * arithmetic expression: an array subscript read in `$((x))`, `[[ $x -eq 0 ]]`, `test -v`,
 * `printf -v`, `read`, `declare` or an indexed assignment expands the `$( … )` it finds, wherever
 * the text came from (a variable, an earlier statement). The walk marks both across the whole
 * command: a literal word or value holding `$(` or a backquote (codeText), and an arithmetic
 * evaluation (arithmetic). A command with both is put to a person: which text reaches which
 * evaluation is the shell's to say.
 */
export function arithmeticCode(
  effects: ShellEffects,
  marks: { codeText: boolean; arithmetic: boolean },
  command: string,
): void {
  if (!marks.codeText || !marks.arithmetic) return;
  const flat = command.replace(/\s+/g, ' ');
  effects.unknown.push({
    what: flat.length > 120 ? `${flat.slice(0, 119)}…` : flat,
    why: 'text holding `$( … )` meets arithmetic, where bash runs a command substitution an array subscript holds',
    kind: 'runs-code',
  });
}

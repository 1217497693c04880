import type { Arg } from './context.js';

/** What a shell's words have it run: the code `-c` gives, or why Slipway cannot read it. */
export type ShellRun = { code: Arg } | { unknown: string };

/**
 * A shell's words as the shell reads them: options (`-x`, `+e`, bundles, `-o name` and
 * `-O name` with their values) up to the first operand, which is the code with `-c` and a script
 * without it. Found anywhere, `-c` once made `bash /tmp/e.sh -c ls` read as `ls`: bash ran
 * e.sh, and the `-c ls` after it were the script's own arguments. `--rcfile f` and
 * `--init-file f` (an interactive shell runs f first) and fish's `-C code` run what they name.
 */
export function shellRun(name: string, rest: readonly Arg[]): ShellRun {
  let command = false;
  let operand: Arg | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (!a.value.static) return { unknown: `${name}'s word ${a.source} is only known when the shell runs` };
    const t = a.value.text;
    // A lone `-` ends the options as `--` does.
    if (t === '--' || t === '-') {
      operand = rest[i + 1];
      break;
    }
    if (t.startsWith('--')) {
      if (/^--(rcfile|init-file|init-command)(=|$)/.test(t))
        return { unknown: `${name} ${t} runs code from where it points` };
      continue;
    }
    if (!/^[-+]./.test(t)) {
      operand = a;
      break;
    }
    for (const letter of t.slice(1)) {
      if (letter === 'c') command = true;
      else if (letter === 'o' || letter === 'O') i++;
      else if (letter === 'C' && name === 'fish')
        return { unknown: `fish -C runs the code it is given first` };
    }
  }
  if (!command || operand === undefined) return { unknown: `${name} runs a script Slipway does not read` };
  return { code: operand };
}

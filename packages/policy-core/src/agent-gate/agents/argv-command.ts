/**
 * A command an agent gives as an argv array, as the shell text the shell analyser reads. Codex's
 * hook sends one string (it shlex-joins the argv itself), but its older `shell` tool and
 * `local_shell` calls carry `["bash", "-lc", "<script>"]`: there the script is what runs, so it
 * is what the analyser gets. Any other argv is joined with POSIX single quotes, so the analyser
 * reads exactly the words that run (`rm` `-rf` `a b` → `rm -rf 'a b'`), never a word split or
 * expanded differently.
 */
import { InputError } from './input-fields.js';

/** Shells whose `-c` (or `-lc`, `-ic` …) runs the next argument as a script. */
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);

export function argvCommand(argv: unknown[], where: string): string {
  if (argv.length === 0) throw new InputError(`${where} is an empty list`);
  const words = argv.map((word, i) => {
    if (typeof word !== 'string') throw new InputError(`${where}[${i}] is not a string`);
    return word;
  });
  const [program, flag, script] = words;
  // Only `shell -c script` exactly: with more words the script's $0, $1 … are the rest, which
  // the analyser could not see in the script alone, so the whole argv is quoted instead.
  if (words.length === 3 && SHELLS.has(basename(program!)) && /^-[a-z]*c[a-z]*$/.test(flag!)) return script!;
  return words.map(shellQuote).join(' ');
}

/** One word for a POSIX shell: as it is when it has no special character, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

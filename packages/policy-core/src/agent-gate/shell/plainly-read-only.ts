/**
 * A command that is read-only on its face, told without the bash parser: most of an agent's shell
 * calls are `git status`, `ls`, `grep -rn x src | head`, and loading mvdan/sh (a GopherJS build
 * of a megabyte) costs each of them several times what the rest of the hook does. The grammar is
 * deliberately narrow, and anything outside it goes to the parser: plain words and quoted strings
 * (no `$`, backquote, backslash, glob, redirection, bracket, `!`, `#`, `&` alone or newline),
 * joined by `|`, `&&`, `||` or `;`; every command one of a few programs that write no file
 * whatever their arguments, git only with a read-only subcommand and no option that names an
 * output file. A false "no" costs a parse; a false "yes" would let a write through, so every
 * program here is one whose options were read for a way to write (sed's `w`, sort's `-o`, find's
 * `-delete`, tree's `-o`, rg's `--pre` and git's `--output` keep those out).
 */
const PROGRAMS: ReadonlySet<string> = new Set([
  'ls',
  'cat',
  'head',
  'tail',
  'wc',
  'pwd',
  'echo',
  'grep',
  'egrep',
  'fgrep',
  'which',
  'whoami',
  'date',
  'uname',
  'stat',
  'du',
  'df',
  'cut',
  'tr',
  'basename',
  'dirname',
  'realpath',
  'true',
  'false',
  'nl',
  'tac',
  'rev',
  'git',
]);

/** git subcommands that write nothing in the work tree or the git directory (with no output option). */
const GIT_READS: ReadonlySet<string> = new Set([
  'status',
  'log',
  'show',
  'diff',
  'rev-parse',
  'ls-files',
  'blame',
  'shortlog',
  'describe',
]);

/** Characters allowed outside quotes; everything else sends the command to the parser. */
const PLAIN = /^[A-Za-z0-9_./,:=@%+~\- \t|;&'"]*$/;
const OUTPUT_OPTION = /^(--output|-o|--ext-diff|--textconv|--exec)/;

export function plainlyReadOnly(command: string): boolean {
  if (command.length > 4096 || !PLAIN.test(command)) return false;
  const words = lexWords(command);
  if (words === undefined) return false;
  let atStart = true;
  let program: string | undefined;
  for (const w of words) {
    if (w.op) {
      if (!['|', '&&', '||', ';'].includes(w.text) || atStart) return false;
      atStart = true;
      program = undefined;
      continue;
    }
    if (atStart) {
      if (w.quoted || !PROGRAMS.has(w.text)) return false;
      program = w.text;
      atStart = false;
      continue;
    }
    if (program === 'git') {
      if (!GIT_READS.has(w.text) || w.quoted) return false;
      program = 'git-read';
      continue;
    }
    if (program === 'git-read' && OUTPUT_OPTION.test(w.text)) return false;
  }
  return !atStart && program !== 'git';
}

interface Word {
  text: string;
  quoted: boolean;
  op: boolean;
}

/** Words and operators; undefined for an unbalanced quote or a double-quoted `$`/backquote/backslash. */
function lexWords(command: string): Word[] | undefined {
  const out: Word[] = [];
  let i = 0;
  while (i < command.length) {
    const c = command[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '|' || c === '&' || c === ';') {
      let op = c;
      if ((c === '|' || c === '&') && command[i + 1] === c) op += c;
      out.push({ text: op, quoted: false, op: true });
      i += op.length;
      continue;
    }
    let text = '';
    let quoted = false;
    while (i < command.length && !' \t|&;'.includes(command[i] as string)) {
      const ch = command[i] as string;
      if (ch === "'" || ch === '"') {
        const end = command.indexOf(ch, i + 1);
        if (end === -1) return undefined;
        text += command.slice(i + 1, end);
        quoted = true;
        i = end + 1;
      } else {
        text += ch;
        i++;
      }
    }
    out.push({ text, quoted, op: false });
  }
  return out;
}

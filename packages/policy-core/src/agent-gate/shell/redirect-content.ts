import type { ReadStmt } from './context.js';
import { nodeType } from './parse-shell.js';
import type { ShRedirect } from './sh-ast.js';
import { REDIR } from './sh-ast.js';
import { literalText, wordValue } from './word-value.js';

/**
 * The text a redirect writes to its file, when the whole of it is in the command: `echo 'x' > f`
 * (no backslash: zsh's echo, and bash's under `xpg_echo`, read `\0117` as `O`; no option but
 * `-n`), `printf 'x\n' > f` (no `%`, no escape but `\n`, `\t`, `\\`), `cat > f <<'EOF' … EOF` (one
 * quoted heredoc, or an unquoted one with no expansion), `cat <<< 'x' > f`; no word the shell
 * expands (`=cat` in zsh). Undefined otherwise.
 * Whether the name runs the builtin (no function of that name in the command) is the caller's.
 */
export function redirectContent(
  read: ReadStmt,
  redirect: ShRedirect,
  piped = false,
): { text: string; heredoc: boolean } | undefined {
  const stdout =
    redirect.Op === REDIR.all ||
    redirect.Op === REDIR.appendAll ||
    ((redirect.Op === REDIR.out || redirect.Op === REDIR.clobber || redirect.Op === REDIR.append) &&
      (!redirect.N || redirect.N.Value === '1'));
  if (!stdout || read.type !== 'CallExpr') return undefined;
  const args = read.words;
  const words = args.map(literalText);
  if (words.some((w) => w === undefined)) return undefined;
  const [name, ...rest] = words as string[];
  if (name === 'echo') {
    const newline = rest[0] !== '-n';
    const text = newline ? rest : rest.slice(1);
    // Options bash and zsh read differently (zsh's `echo - x` prints `x`): unknown.
    if (text[0]?.startsWith('-')) return undefined;
    if (text.some((t) => t.includes('\\'))) return undefined;
    return { text: text.join(' ') + (newline ? '\n' : ''), heredoc: false };
  }
  if (name === 'printf') {
    const text = rest.length === 1 ? printfText(rest[0]!) : undefined;
    return text === undefined ? undefined : { text, heredoc: false };
  }
  if (name === 'cat' && rest.length === 0) return stdinText(read, piped);
  return undefined;
}

/**
 * What a simple command reads on its standard input, when the command holds it whole: one
 * heredoc (quoted, or with nothing to expand) or here-string on descriptor 0, and no other input
 * at all, nor a pipe into it (`piped`). Two inputs: bash reads the last, zsh (MULTIOS) each in
 * turn, a pipe first; a heredoc on descriptor 3 leaves the pipe or `0<&3` as what it reads.
 */
export function stdinText(read: ReadStmt, piped: boolean): { text: string; heredoc: boolean } | undefined {
  if (piped) return undefined;
  const inputs = read.redirs.filter((r) => INPUTS.has(r.Op) || r.N?.Value === '0');
  const input = inputs.length === 1 ? inputs[0] : undefined;
  if (!input || (input.N && input.N.Value !== '0')) return undefined;
  if (input.Op === REDIR.hereString) {
    const value = input.Word ? wordValue(input.Word) : undefined;
    return value?.static && !value.pattern && !value.notLiteral
      ? { text: `${value.text}\n`, heredoc: false }
      : undefined;
  }
  if (input.Op !== REDIR.heredoc && input.Op !== REDIR.heredocTabs) return undefined;
  const body = heredocBody(input);
  return body === undefined ? undefined : { text: body, heredoc: true };
}

/** Redirects that give a command its input: a file, a descriptor, a heredoc, a here-string. */
const INPUTS: ReadonlySet<number> = new Set([
  REDIR.in,
  REDIR.readWrite,
  REDIR.dupIn,
  REDIR.heredoc,
  REDIR.heredocTabs,
  REDIR.hereString,
]);

/**
 * What `printf FORMAT` prints when FORMAT has no conversion (`%`) and no escape but `\n`, `\t` and
 * `\\`, which bash's and zsh's printf read alike; undefined for any other.
 */
function printfText(format: string): string | undefined {
  if (format.includes('%') || format.startsWith('-')) return undefined;
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = format[++i];
    if (next === 'n') out += '\n';
    else if (next === 't') out += '\t';
    else if (next === '\\') out += '\\';
    else return undefined;
  }
  return out;
}

/** A heredoc's text: as written when its delimiter is quoted, else only when nothing in it expands. */
export function heredocBody(redirect: ShRedirect): string | undefined {
  const parts = redirect.Hdoc?.Parts ?? [];
  const quoted =
    (redirect.Word?.Parts ?? []).some((p) => nodeType(p) !== 'Lit') ||
    /\\/.test(redirect.Word?.Parts.map((p) => p.Value ?? '').join('') ?? '');
  let text = '';
  for (const part of parts) {
    if (nodeType(part) !== 'Lit') return undefined;
    text += part.Value ?? '';
  }
  if (!quoted) text = text.replace(/\\([$`\\])|\\\n/g, (_, c: string | undefined) => c ?? '');
  if (redirect.Op === REDIR.heredocTabs) text = text.replace(/^\t+/gm, '');
  return text;
}

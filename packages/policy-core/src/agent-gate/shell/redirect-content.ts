import type { ReadStmt } from './context.js';
import { nodeType } from './parse-shell.js';
import type { ShRedirect } from './sh-ast.js';
import { REDIR } from './sh-ast.js';
import { literalText, wordValue } from './word-value.js';

/**
 * The text a redirect writes to its file, when the whole of it is in the command: `echo 'x' > f`
 * (no backslash: zsh's echo, and bash's under `xpg_echo`, read `\0117` as `O`; no option but
 * `-n`), `printf 'x' > f` (a format with no `%` and no escapes), `cat > f <<'EOF' … EOF` (one
 * quoted heredoc, or an unquoted one with no expansion), `cat <<< 'x' > f`. Undefined otherwise.
 * Whether the name runs the builtin (no function of that name in the command) is the caller's.
 */
export function redirectContent(
  read: ReadStmt,
  redirect: ShRedirect,
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
    if (rest.length !== 1 || /[%\\]/.test(rest[0]!)) return undefined;
    return { text: rest[0]!, heredoc: false };
  }
  if (name === 'cat' && rest.length === 0) {
    const inputs = read.redirs.filter(
      (r) =>
        r.Op === REDIR.heredoc ||
        r.Op === REDIR.heredocTabs ||
        r.Op === REDIR.hereString ||
        r.Op === REDIR.in,
    );
    // Two inputs: bash reads the last, zsh (MULTIOS) both in turn.
    const input = inputs.length === 1 ? inputs[0] : undefined;
    if (!input || input.Op === REDIR.in) return undefined;
    if (input.Op === REDIR.hereString) {
      const value = input.Word ? wordValue(input.Word) : undefined;
      return value?.static && !value.pattern && !value.notLiteral
        ? { text: `${value.text}\n`, heredoc: false }
        : undefined;
    }
    const body = heredocBody(input);
    return body === undefined ? undefined : { text: body, heredoc: true };
  }
  return undefined;
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

import TOML from '@iarna/toml';

export type TomlMerge =
  | { ok: true; text: string; changed: boolean; kept?: string[] }
  | { ok: false; reason: string };

/**
 * `text` with the table `[a.b]` holding `values`, unless the file defines it already (then it is
 * the user's and stays as it is). @iarna/toml cannot write a document back with its comments, so
 * the table is appended as text at the end, after checking the file parses and does not have it,
 * and the result is parsed again (a file that defines `mcp_servers` inline would clash): a user's
 * comments and layout are never rewritten.
 */
export function ensureTomlTable(
  file: string,
  text: string | undefined,
  table: readonly string[],
  values: Record<string, string | string[]>,
): TomlMerge {
  const before = text ?? '';
  const parsed = parse(file, before);
  if (!parsed.ok) return parsed;
  let node: unknown = parsed.value;
  for (const key of table)
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  if (node !== undefined) return { ok: true, text: before, changed: false };
  const body = Object.entries(values)
    .map(([k, v]) => `${k} = ${Array.isArray(v) ? `[${v.map(quote).join(', ')}]` : quote(v)}`)
    .join('\n');
  const sep = before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const after = `${before}${sep}[${table.join('.')}]\n${body}\n`;
  const check = parse(file, after);
  if (!check.ok)
    return {
      ok: false,
      reason: `${file}: adding [${table.join('.')}] would make it invalid (${check.reason}); nothing was written: add it by hand`,
    };
  return { ok: true, text: after, changed: true };
}

const quote = (s: string) => JSON.stringify(s);

function parse(file: string, text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: TOML.parse(text) };
  } catch (err) {
    const e = err as { line?: number; message?: string };
    const line = typeof e.line === 'number' ? e.line + 1 : 1;
    const what = (e.message ?? String(err)).split('\n')[0];
    return {
      ok: false,
      reason: `${file}:${line}: not valid TOML (${what}); nothing was written: fix the file and run again`,
    };
  }
}

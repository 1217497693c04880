import { runGitSync } from '../git/run-git.js';

/** A file past this size is judged with its text unknown, as the gate's own reader does. */
const MAX_FILE_BYTES = 1024 * 1024;
/** Past this many bytes in all, the rest of a restore's files keep their text unknown. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

/**
 * The files under `rel` (a file or a folder, repository-relative; '' the whole tree) in the index,
 * as `git checkout -- rel` or `git restore rel` writes them back; at most `max`. Undefined when git
 * cannot say.
 */
export function filesInIndex(root: string, rel: string, max: number): string[] | undefined {
  try {
    const under = rel === '' ? [] : ['--', rel];
    const out = runGitSync(root, ['ls-files', '-z', '--cached', ...under]).stdout.toString('utf8');
    return [...new Set(out.split('\0').filter((n) => n !== ''))].slice(0, max);
  } catch {
    return undefined;
  }
}

/**
 * The text each of `paths` has in the index (`treeish` undefined) or in the commit `treeish`
 * names: what a restore writes, so that the rules judge that text (the same as the branch's:
 * nothing to find) instead of refusing a write whose text they cannot read. Read with two
 * `git cat-file` runs (sizes, then the contents of those small enough). A path the source lacks,
 * one git cannot be asked about on a line (a newline in its name), one past 1 MB or past 64 MB
 * in all, or one not UTF-8 text is absent from the map: its text stays unknown.
 */
export function restoredTexts(
  root: string,
  treeish: string | undefined,
  paths: readonly string[],
): Map<string, string> {
  const texts = new Map<string, string>();
  const asked = paths.filter((p) => !p.includes('\n') && !p.includes('\r'));
  if (asked.length === 0) return texts;
  const spec = (p: string) => (treeish === undefined ? `:${p}` : `${treeish}:${p}`);
  let sizes: string[];
  try {
    const input = `${asked.map(spec).join('\n')}\n`;
    sizes = runGitSync(root, ['cat-file', '--batch-check=%(objecttype) %(objectsize)'], { input })
      .stdout.toString('utf8')
      .split('\n');
  } catch {
    return texts;
  }
  const small: string[] = [];
  let total = 0;
  asked.forEach((p, i) => {
    const [type, size] = (sizes[i] ?? '').split(' ');
    const n = Number(size);
    if (type !== 'blob' || !(n <= MAX_FILE_BYTES) || total + n > MAX_TOTAL_BYTES) return;
    total += n;
    small.push(p);
  });
  if (small.length === 0) return texts;
  let out: Buffer;
  try {
    out = runGitSync(root, ['cat-file', '--batch'], { input: `${small.map(spec).join('\n')}\n` }).stdout;
  } catch {
    return texts;
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  for (const p of small) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    const [, type, size] = out.toString('latin1', at, eol).split(' ');
    at = eol + 1;
    if (type !== 'blob') continue; // "<spec> missing": no body follows
    const n = Number(size);
    const body = out.subarray(at, at + n);
    at += n + 1;
    try {
      texts.set(p, utf8.decode(body));
    } catch {
      // Not UTF-8 text: judged by its path, text unknown.
    }
  }
  return texts;
}

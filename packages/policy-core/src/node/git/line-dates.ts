import { runGit } from './run-git.js';

/**
 * When each of `lines` (1-based) of `file` was written: the author date of the commit that last
 * changed it, from one `git blame --porcelain` with a `-L` per line. A line not committed yet, or a
 * file git cannot blame (untracked, outside the repository), has no date.
 */
export async function lineDates(
  root: string,
  file: string,
  lines: readonly number[],
): Promise<Map<number, Date>> {
  const out = new Map<number, Date>();
  if (lines.length === 0) return out;
  const ranges = [...new Set(lines)].flatMap((n) => ['-L', `${n},${n}`]);
  const r = await runGit(root, ['blame', '--porcelain', ...ranges, '--', file], { okCodes: [128] });
  if (r.code !== 0) return out;
  // Porcelain: a header `<sha> <orig-line> <final-line> [<count>]` per line, the commit's fields
  // the first time it appears (author-time among them), then the line's text after a tab.
  const times = new Map<string, number>();
  let sha = '';
  let line = 0;
  for (const row of r.stdout.toString('utf8').split('\n')) {
    const head = /^([0-9a-f]{40}) \d+ (\d+)/.exec(row);
    if (head) {
      sha = head[1] as string;
      line = Number(head[2]);
      continue;
    }
    if (row.startsWith('author-time ')) times.set(sha, Number(row.slice('author-time '.length)));
    else if (row.startsWith('\t') && !/^0+$/.test(sha)) {
      const t = times.get(sha);
      if (t !== undefined) out.set(line, new Date(t * 1000));
    }
  }
  return out;
}

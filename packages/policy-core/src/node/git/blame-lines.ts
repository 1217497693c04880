import { runGit } from './run-git.js';

/** What `git blame --porcelain` says of one line: the commit that last wrote it, and when. */
export interface BlamedLine {
  sha: string;
  /** The commit's author date, seconds since the epoch. */
  authorTime?: number;
  /** Blame stopped here (the line is older than the range's start: that commit wrote none of it). */
  boundary: boolean;
  /** Not committed yet (git's all-zero SHA). */
  uncommitted: boolean;
}

export interface BlameOptions {
  /** A revision (`abc123`) or range (`since..sha`); absent: the work tree against HEAD. */
  rev?: string;
  /** 0-based inclusive line ranges; absent or empty: the whole file. */
  ranges?: readonly [number, number][];
  /** Blame root commits too instead of marking them boundaries (`--root`). */
  root?: boolean;
  /** Exit codes that mean "nothing to say" (an untracked file is 128): undefined, not an error. */
  okCodes?: number[];
}

/**
 * One `git blame --porcelain` of `file`: 0-based line → the line's commit. Configured ignore
 * lists are cleared (`blame.ignoreRevsFile`): they would hand a line to an older commit than the
 * one that wrote it. Commits are read as 40 or 64 hex digits (SHA-1 and SHA-256 repositories).
 * Porcelain gives a header `<sha> <orig> <final> [<count>]` per line and a commit's fields
 * (author-time, boundary) only the first time the commit appears.
 */
export async function blameLines(
  cwd: string,
  file: string,
  opts: BlameOptions = {},
): Promise<Map<number, BlamedLine> | undefined> {
  const ranges = (opts.ranges ?? []).flatMap(([a, b]) => ['-L', `${a + 1},${b + 1}`]);
  const r = await runGit(
    cwd,
    [
      '-c',
      'blame.ignoreRevsFile=',
      'blame',
      '--porcelain',
      // blame runs a textconv program by default (gitInvocation explains why none may run).
      '--no-textconv',
      ...(opts.root ? ['--root'] : []),
      ...ranges,
      ...(opts.rev ? [opts.rev] : []),
      '--',
      file,
    ],
    opts.okCodes ? { okCodes: opts.okCodes } : {},
  );
  if (r.code !== 0) return undefined;
  const times = new Map<string, number>();
  const boundary = new Set<string>();
  const lines = new Map<number, string>();
  let sha = '';
  let finalLine = 0;
  for (const row of r.stdout.toString('utf8').split('\n')) {
    const header = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) \d+ (\d+)(?: \d+)?$/.exec(row);
    if (header) {
      sha = header[1] as string;
      finalLine = Number(header[2]) - 1;
    } else if (row === 'boundary') boundary.add(sha);
    else if (row.startsWith('author-time ')) times.set(sha, Number(row.slice('author-time '.length)));
    else if (row.startsWith('\t') && sha) lines.set(finalLine, sha);
  }
  const out = new Map<number, BlamedLine>();
  for (const [line, c] of lines) {
    const authorTime = times.get(c);
    out.set(line, {
      sha: c,
      ...(authorTime !== undefined ? { authorTime } : {}),
      boundary: boundary.has(c),
      uncommitted: /^0+$/.test(c),
    });
  }
  return out;
}

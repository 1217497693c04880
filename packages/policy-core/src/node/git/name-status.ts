import type { ChangedFile, ChangeStatus } from '../../change-set.js';

const STATUS: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

/** True for a `--name-status` status token: one upper-case letter, maybe a similarity score. */
export function isStatusToken(token: string): boolean {
  const c = token.charCodeAt(0);
  return c >= 65 && c <= 90 && token.length <= 4;
}

/**
 * A combined-diff status (`git log -c`, for a merge): one letter per parent, e.g. `MM`, `AM`,
 * `DD`, `RR`. Plain statuses have one letter and maybe a score (`R087`), so the letter count
 * tells the two apart.
 */
function combinedParents(token: string): number {
  if (!/^(?:[A-Z][0-9]*)+$/.test(token)) return 0;
  const letters = token.replace(/[0-9]/g, '').length;
  return letters >= 2 ? letters : 0;
}

/**
 * A merge's entry under `-c --combined-all-paths`: the status, each parent's path, the merged
 * path. The merge made this path's content itself (it differs from every parent), so it counts
 * as the merge's own change: deleted when gone against every parent, added when new against
 * every parent, renamed when a parent had it under another name.
 */
function combinedEntry(letters: string, parentPaths: readonly string[], path: string): ChangedFile {
  if (/^D+$/.test(letters)) return { status: 'deleted', path };
  if (/^A+$/.test(letters)) return { status: 'added', path };
  const oldPath = parentPaths.find((p) => p !== path);
  return oldPath === undefined ? { status: 'modified', path } : { status: 'renamed', path, oldPath };
}

/**
 * One plain (not combined) entry whose status token is tokens[i]: renames and copies carry two
 * paths (old, new), every other status one. Returns the index after it, or -1 when cut short.
 */
function readPlainEntry(token: string, tokens: readonly string[], i: number, out: ChangedFile[]): number {
  const letter = token[0]!;
  if (letter === 'R' || letter === 'C') {
    const oldPath = tokens[i + 1];
    const path = tokens[i + 2];
    if (oldPath === undefined || path === undefined) return -1;
    out.push({ status: STATUS[letter]!, path, oldPath });
    return i + 3;
  }
  const path = tokens[i + 1];
  if (path === undefined) return -1;
  // U (unmerged) and X (unknown) cannot occur between two commits; count them as modified.
  out.push({ status: STATUS[letter] ?? 'modified', path });
  return i + 2;
}

/**
 * Reads `--name-status -z` entries from tokens[start…] until a token that is not a status
 * (git log puts the next commit's hash there) or the end. Renames and copies carry two paths
 * (old, new); every other status one. A merge's combined entries (`git log -c
 * --combined-all-paths`) carry one path per parent and then the merged path. Returns the index
 * after the last entry consumed.
 */
export function readNameStatus(tokens: readonly string[], start: number, out: ChangedFile[]): number {
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i]!;
    const parents = combinedParents(token);
    if (parents > 0) {
      const paths = tokens.slice(i + 1, i + 2 + parents);
      if (paths.length < parents + 1) break;
      out.push(combinedEntry(token.replace(/[0-9]/g, ''), paths.slice(0, parents), paths[parents]!));
      i += 2 + parents;
      continue;
    }
    if (!isStatusToken(token)) break;
    const next = readPlainEntry(token, tokens, i, out);
    if (next < 0) break;
    i = next;
  }
  return i;
}

/** Parses the whole output of `git diff --name-status -z`. */
export function parseNameStatus(tokens: readonly string[]): ChangedFile[] {
  const out: ChangedFile[] = [];
  // Output ends with NUL, which splitZ already dropped; an empty diff has no tokens.
  readNameStatus(tokens, 0, out);
  return out;
}

/**
 * `git diff` arguments whose output parseRawDiff reads (add the revisions and `--`). --raw rather
 * than --name-status: the same entries plus file modes, which mark submodules.
 */
export const RAW_DIFF_ARGS: readonly string[] = [
  'diff',
  '--raw',
  '-z',
  '-M',
  '--no-abbrev',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
];

/**
 * Parses `git diff --raw -z`: each entry is `:oldmode newmode oldsha newsha STATUS` and then
 * the path(s), as with --name-status. The modes are what --name-status lacks: 160000 marks a
 * submodule.
 */
export function parseRawDiff(tokens: readonly string[]): ChangedFile[] {
  // One pass, each entry straight into its ChangedFile: a large change set has thousands.
  const out: ChangedFile[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (!token.startsWith(':')) {
      i++;
      continue;
    }
    // `:oldmode newmode oldsha newsha STATUS`, its fields read in place: no array per entry.
    const s0 = token.indexOf(' ');
    const s1 = nextSpace(token, s0);
    const s3 = nextSpace(token, nextSpace(token, s1));
    const s4 = nextSpace(token, s3);
    const status = s3 < 0 ? '' : token.slice(s3 + 1, s4 < 0 ? undefined : s4);
    if (!isStatusToken(status)) break;
    const next = readPlainEntry(status, tokens, i, out);
    if (next < 0) break;
    const oldMode = token.slice(1, s0 < 0 ? undefined : s0);
    const newMode = s0 < 0 ? '' : token.slice(s0 + 1, s1 < 0 ? undefined : s1);
    if (oldMode === '160000' || newMode === '160000') out[out.length - 1]!.submodule = true;
    i = next;
  }
  return out;
}

/** The space after the one at `after` (-1 when there is none, or `after` is already -1). */
function nextSpace(token: string, after: number): number {
  return after < 0 ? -1 : token.indexOf(' ', after + 1);
}

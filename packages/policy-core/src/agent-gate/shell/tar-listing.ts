/**
 * `tar` that only lists an archive (`tar tzf a.tgz`, `tar --list --file=a.tar`): it writes no file.
 * Any other tar is an unknown program, and so is a listing with an option outside the few read
 * here, since several run a program or write a file even while listing: `-I`/`--use-compress-
 * program` and `--checkpoint-action=exec` run one, `-F`/`--info-script` too, `--index-file` and
 * `-g`/`--listed-incremental` write a file, an archive named `host:file` is reached through
 * rsh/ssh (GNU tar's manual, "All tar Options"). The letters kept mean the same in GNU tar and
 * bsdtar (macOS's `tar`). TAR_OPTIONS adds options unseen here: an assignment of it is a hijack
 * (hijack.ts).
 */

/** Option letters that take no value. */
const FLAGS = new Set(['t', 'v', 'z', 'j', 'J', 'Z']);
/**
 * Option letters whose value is the next word (or the rest of a `-` cluster): f the archive, b a
 * block size, C a folder, X a file of patterns to leave out. Not `-T`: GNU tar reads options in
 * a file list too.
 */
const VALUED = new Set(['f', 'b', 'C', 'X']);
const LONG_FLAGS = new Set([
  '--list',
  '--verbose',
  '--gzip',
  '--gunzip',
  '--ungzip',
  '--bzip2',
  '--xz',
  '--zstd',
  '--numeric-owner',
  '--full-time',
  '--utc',
  '--wildcards',
  '--no-wildcards',
  '--anchored',
  '--no-anchored',
  '--ignore-case',
  '--null',
  '--force-local',
]);
const LONG_VALUED = new Set(['--file', '--directory', '--exclude', '--exclude-from', '--blocking-factor']);

/** Whether `tar` with these argument words (all literal) only lists an archive. */
export function tarOnlyLists(words: readonly string[]): boolean {
  let lists = false;
  const values: [letter: string, value: string | undefined][] = [];
  /** One cluster of letters; `attached` lets a valued letter take the rest of the cluster. */
  const cluster = (letters: string, attached: boolean): boolean => {
    for (let k = 0; k < letters.length; k++) {
      const l = letters[k] as string;
      if (l === 't') lists = true;
      if (FLAGS.has(l)) continue;
      if (!VALUED.has(l)) return false;
      if (attached && k + 1 < letters.length) {
        values.push([l, letters.slice(k + 1)]);
        return true;
      }
      values.push([l, undefined]);
    }
    return true;
  };
  let i = 0;
  // The old style: a first word without a dash is a cluster whose values follow it in order.
  if (words[0] !== undefined && !words[0].startsWith('-')) {
    if (!cluster(words[0], false)) return false;
    i = 1;
  }
  for (; i < words.length; i++) {
    const w = words[i] as string;
    const pending = values.findIndex(([, v]) => v === undefined);
    if (pending !== -1) {
      (values[pending] as [string, string | undefined])[1] = w;
      continue;
    }
    if (w === '--') break;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq === -1 ? w : w.slice(0, eq);
      if (name === '--list') lists = true;
      if (LONG_FLAGS.has(name) && eq === -1) continue;
      if (!LONG_VALUED.has(name)) return false;
      values.push([name === '--file' ? 'f' : name, eq === -1 ? undefined : w.slice(eq + 1)]);
      continue;
    }
    if (w.startsWith('-') && w !== '-' && !cluster(w.slice(1), true)) return false;
  }
  if (values.some(([, v]) => v === undefined)) return false;
  // A remote archive (`host:path`) runs rsh or ssh; `--force-local` aside, any colon is refused.
  return lists && !values.some(([l, v]) => l === 'f' && (v as string).includes(':'));
}

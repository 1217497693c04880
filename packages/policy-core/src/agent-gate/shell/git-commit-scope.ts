/** What a `git commit` records (ShellCommit.takes): the index, or the files on disk it names. */
export type CommitTakes = 'index' | 'disk-tracked' | 'disk-named';

/** git commit's short options that take a value (the rest of a cluster, or the next word). */
const VALUE_SHORTS = 'mFCct';
/** Its long options that take a value, as `--opt value` or `--opt=value` (abbreviations too). */
const VALUE_LONGS = [
  '--message',
  '--file',
  '--reuse-message',
  '--reedit-message',
  '--template',
  '--author',
  '--date',
  '--cleanup',
  '--fixup',
  '--squash',
  '--trailer',
];

/**
 * What `git commit` with these words records, as git documents it: `-a`/`--all` takes every
 * tracked file as the disk holds it (`disk-tracked`), paths named without `-i`/`--include` take
 * those files from the disk and nothing else staged (`disk-named`), and otherwise the index.
 * `--pathspec-from-file` names paths the command does not show: read as the index (the stricter).
 * A word not known (a variable) keeps the index, too.
 */
export function commitTakes(words: readonly (string | undefined)[]): CommitTakes {
  let all = false;
  let include = false;
  let named = false;
  let fromFile = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === undefined) return 'index';
    if (w === '--') {
      named ||= i + 1 < words.length;
      break;
    }
    if (w.startsWith('--')) {
      const name = w.split('=')[0] as string;
      if (name === '--all') all = true;
      else if (name === '--include') include = true;
      else if (name.startsWith('--pathspec-from')) fromFile = true;
      else if (!w.includes('=') && VALUE_LONGS.some((l) => name.length >= 4 && l.startsWith(name))) i++;
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      for (let k = 1; k < w.length; k++) {
        const ch = w[k] as string;
        if (ch === 'a') all = true;
        if (ch === 'i') include = true;
        if (VALUE_SHORTS.includes(ch)) {
          if (k === w.length - 1) i++;
          break;
        }
        // -S[keyid] and -u[mode] take their value attached only.
        if (ch === 'S' || ch === 'u') break;
      }
      continue;
    }
    named = true;
  }
  if (fromFile) return 'index';
  if (named && !include) return 'disk-named';
  return all ? 'disk-tracked' : 'index';
}

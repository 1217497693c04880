/**
 * The refs `git branch` writes (git-refs.ts says why the gate reads them): a branch created or
 * reset (`-f`), renamed (`-m`), copied (`-c`) or deleted (`-d`), as full names; none for a listing
 * or a setting (the upstream, the description). Long options by any unique prefix, as git takes them.
 */
/** `git branch`'s long options (git takes any unique prefix of one: `--forc`, `--mov`). */
const BRANCH_LONG = [
  'delete',
  'move',
  'copy',
  'force',
  'remotes',
  'all',
  'list',
  'verbose',
  'quiet',
  'abbrev',
  'no-abbrev',
  'column',
  'no-column',
  'sort',
  'merged',
  'no-merged',
  'contains',
  'no-contains',
  'points-at',
  'format',
  'color',
  'no-color',
  'ignore-case',
  'omit-empty',
  'show-current',
  'set-upstream-to',
  'unset-upstream',
  'edit-description',
  'track',
  'no-track',
  'create-reflog',
  'recurse-submodules',
];
/** Options followed by a value of their own (when not written `--x=value`). */
const BRANCH_VALUED = new Set([
  'set-upstream-to',
  'contains',
  'no-contains',
  'merged',
  'no-merged',
  'points-at',
  'format',
  'sort',
]);
/** Options that make `git branch` list: names after them are patterns, nothing is written. */
const BRANCH_LISTS = new Set([
  'list',
  'all',
  'contains',
  'no-contains',
  'merged',
  'no-merged',
  'points-at',
  'show-current',
]);
type BranchMode = 'delete' | 'move' | 'copy' | 'config';
/** What a mode option does; git refuses two modes at once (nothing is written then). */
const BRANCH_MODES: Record<string, BranchMode> = {
  delete: 'delete',
  move: 'move',
  copy: 'copy',
  'set-upstream-to': 'config',
  'unset-upstream': 'config',
  'edit-description': 'config',
};
const SHORT_MODES: Record<string, BranchMode> = {
  d: 'delete',
  D: 'delete',
  m: 'move',
  M: 'move',
  c: 'copy',
  C: 'copy',
  u: 'config',
};

/** The long option a word names (`--forc` is `force`), undefined for none or more than one. */
export function longOption(word: string, options: readonly string[]): string | undefined {
  const name = word.slice(2).split('=')[0] as string;
  if (options.includes(name)) return name;
  const matches = options.filter((o) => o.startsWith(name));
  return name !== '' && matches.length === 1 ? matches[0] : undefined;
}

export function branchRefs(words: string[]): (string | undefined)[] {
  const modes = new Set<BranchMode>();
  let remotes = false;
  const ops: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--') {
      ops.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      const option = longOption(w, BRANCH_LONG);
      // An option git does not know (or cannot tell apart): what the command does is not read.
      if (option === undefined) return [undefined];
      if (BRANCH_LISTS.has(option)) return [];
      const mode = BRANCH_MODES[option];
      if (mode) modes.add(mode);
      if (option === 'remotes') remotes = true;
      if (BRANCH_VALUED.has(option) && !w.includes('=')) i++;
    } else if (/^-[a-zA-Z]+$/.test(w)) {
      if (/[la]/.test(w)) return [];
      for (const c of w.slice(1)) {
        const mode = SHORT_MODES[c];
        if (mode) modes.add(mode);
      }
      if (w.includes('r')) remotes = true;
      // -u takes the upstream as its value.
      if (w.endsWith('u')) i++;
    } else if (!w.startsWith('-')) ops.push(w);
  }
  // Two modes at once is an error git stops at; the upstream and the description are settings.
  if (modes.size > 1 || modes.has('config')) return [];
  const mode = [...modes][0] ?? 'create';
  const full = (name: string) => (remotes ? `refs/remotes/${name}` : `refs/heads/${name}`);
  const [first, second] = ops;
  if (first === undefined) return [];
  if (mode === 'delete') return ops.map(full);
  // `-m new` renames the branch checked out; `-m old new` renames old away.
  if (mode === 'move') return second === undefined ? ['HEAD', full(first)] : [full(first), full(second)];
  if (mode === 'copy') return [full(second ?? first)];
  // Created (or, with -f, reset) at the start point that follows it, which is only read.
  return [full(first)];
}

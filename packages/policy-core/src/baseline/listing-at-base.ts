import type { ChangeSet } from '../change-set.js';

/**
 * The tree's listing as the change's base has it: the change's added (copied, renamed-to) paths
 * left out, its deleted (renamed-from) ones back, replayed in the change's order (a later entry
 * about a path wins). Both answers below keep the tree's order and take time in the listing's
 * length, not a sort of it: a change's check on a 100,000-file tree asked for this listing (POL002,
 * COV at base) and sorted 100,000 paths for a change of a few (46 ms of a 620 ms check).
 */
export class ListingAtBase {
  /** Paths the change put there: not on the base. */
  private readonly gone = new Set<string>();
  /** Paths the change took away, in order: on the base, perhaps not in the tree. */
  private readonly back: string[];
  private listed: readonly string[] | undefined;

  constructor(
    private readonly tree: () => readonly string[],
    files: ChangeSet['files'],
  ) {
    const present = new Map<string, boolean>();
    for (const f of files) {
      if (f.status === 'added' || f.status === 'copied' || f.status === 'renamed') present.set(f.path, false);
      if (f.status === 'deleted') present.set(f.path, true);
      if (f.status === 'renamed' && f.oldPath !== undefined) present.set(f.oldPath, true);
    }
    for (const [path, there] of present) if (!there) this.gone.add(path);
    this.back = [...present].filter(([, there]) => there).map(([path]) => path);
    this.back.sort();
  }

  /** Every path on the base, sorted, each once. */
  all(): readonly string[] {
    if (this.listed) return this.listed;
    const tree = this.tree();
    this.listed = inOrder(tree)
      ? [...merged(tree, this.gone, this.back)]
      : [...new Set([...tree.filter((p) => !this.gone.has(p)), ...this.back])].sort();
    return this.listed;
  }

  /** The base's paths under `prefix`, in order, from the tree's own answer (`filesUnder`). */
  *under(prefix: string, treeUnder: Iterable<string>): Generator<string> {
    yield* merged(
      treeUnder,
      this.gone,
      this.back.filter((p) => p.startsWith(prefix)),
    );
  }
}

/** Strictly ascending (as git lists, and as `<` compares): a merge keeps it so. */
function inOrder(paths: readonly string[]): boolean {
  for (let i = 1; i < paths.length; i++) if (!((paths[i - 1] as string) < (paths[i] as string))) return false;
  return true;
}

/** `sorted` without `gone`, with `extra` (sorted) merged in; a path in both appears once. */
function* merged(
  sorted: Iterable<string>,
  gone: ReadonlySet<string>,
  extra: readonly string[],
): Generator<string> {
  let i = 0;
  for (const path of sorted) {
    while (i < extra.length && (extra[i] as string) < path) yield extra[i++] as string;
    if (i < extra.length && extra[i] === path) i++;
    if (!gone.has(path)) yield path;
  }
  while (i < extra.length) yield extra[i++] as string;
}

import type { GitFacts, RepoView } from '../repo.js';
import type { ProposedWrite } from './proposed-write.js';

/**
 * The repository as it would be after a tool call: the proposed texts over the tree, removed
 * files gone, new files listed. A write whose text is unknown leaves the file as it is (its path
 * is still in the change, so path rules judge it; gate-decision refuses where text matters).
 */
export class WritesOverlay implements RepoView {
  private readonly texts = new Map<string, string | null>();
  private list: readonly string[] | undefined;
  readonly git?: GitFacts;

  constructor(
    private readonly base: RepoView,
    writes: readonly ProposedWrite[],
    /** Files the base's listing lacks though they are there (untracked files the session made). */
    private readonly alsoListed: readonly string[] = [],
  ) {
    for (const w of writes) if (w.after !== undefined) this.texts.set(w.path, w.after);
    if (base.git) this.git = base.git;
  }

  listFiles(): readonly string[] {
    if (this.list) return this.list;
    const files = new Set(this.base.listFiles());
    for (const path of this.alsoListed) if (this.base.readFile(path) !== undefined) files.add(path);
    for (const [path, text] of this.texts) {
      if (text === null) files.delete(path);
      else files.add(path);
    }
    this.list = [...files].sort();
    return this.list;
  }

  readFile(path: string): string | undefined {
    const text = this.texts.get(path);
    if (text === null) return undefined;
    return text ?? this.base.readFile(path);
  }

  isDirectory(path: string): boolean {
    return !this.texts.has(path) && (this.base.isDirectory?.(path) ?? false);
  }

  whyUnread(path: string): string | undefined {
    return this.texts.has(path) ? undefined : this.base.whyUnread?.(path);
  }

  /**
   * What the rules read so far, for reading it at base in one git process with the first
   * (change-own-findings.ts): the tree's files read, and the written ones. Without it a tree's
   * migrations were read at base one process each (301 on a Sequelize app: 2.5 s per tool call).
   */
  readSoFar(maxBytes: number): string[] {
    return [...(this.base.readSoFar?.(maxBytes) ?? []), ...this.texts.keys()];
  }

  linkTarget(path: string): string | undefined {
    return this.texts.has(path) ? undefined : this.base.linkTarget?.(path);
  }
}

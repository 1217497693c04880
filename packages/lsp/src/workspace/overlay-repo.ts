import type { GitFacts, RepoView } from '@slipway/policy-core';

/** What the overlay needs from the editor: the text of an open, possibly unsaved, buffer. */
export type OpenText = (path: string) => string | undefined;

/**
 * The repository as the editor sees it: open buffers (saved or not) beat the disk. Disk texts
 * are cached until a watched-file event says the file changed, so a re-check after a keystroke
 * reads only what changed: the buffer being edited.
 */
export class OverlayRepo implements RepoView {
  private readonly disk = new Map<string, string | undefined>();
  private merged: readonly string[] | undefined;

  constructor(
    private files: readonly string[],
    private readonly openText: OpenText,
    private readonly listOpen: () => Iterable<string>,
    private readonly readDisk: (path: string) => string | undefined,
    /** Replaced when HEAD moves: its answers are cached. */
    public git?: GitFacts,
  ) {}

  /** Tracked and untracked-but-not-ignored files, plus buffers open in the editor. */
  listFiles(): readonly string[] {
    if (this.merged) return this.merged;
    const all = new Set(this.files);
    let added = false;
    for (const p of this.listOpen()) {
      if (!all.has(p)) {
        all.add(p);
        added = true;
      }
    }
    this.merged = added ? [...all].sort() : this.files;
    return this.merged;
  }

  readFile(path: string): string | undefined {
    return this.openText(path) ?? this.diskText(path);
  }

  /** The saved text, whatever the editor holds. */
  diskText(path: string): string | undefined {
    if (this.disk.has(path)) return this.disk.get(path);
    const text = this.readDisk(path);
    this.disk.set(path, text);
    return text;
  }

  /** Repo paths of the buffers open in the editor. */
  openPaths(): Iterable<string> {
    return this.listOpen();
  }

  setFiles(files: readonly string[]): void {
    this.files = files;
    this.merged = undefined;
  }

  /** An editor buffer opened or closed: the merged file list may change. */
  openSetChanged(): void {
    this.merged = undefined;
  }

  forgetDisk(path?: string): void {
    if (path === undefined) this.disk.clear();
    else this.disk.delete(path);
  }
}

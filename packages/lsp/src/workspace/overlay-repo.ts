import type { GitFacts, RepoView } from '@slipway/policy-core';
import { tooLargeMessage, withinLimit } from './size-gate.js';

/** What the overlay needs from the editor: the text of an open, possibly unsaved, buffer. */
export type OpenText = (path: string) => string | undefined;

/**
 * The repository as the editor sees it: open buffers (saved or not) beat the disk. Disk texts
 * are cached until a watched-file event says the file changed, so a re-check after a keystroke
 * reads only what changed: the buffer being edited. Files past the editor's size limit
 * (size-gate.ts) are refused before they are read: `readFile` answers undefined and `whyUnread`
 * says why, so the rules never start on them.
 */
export class OverlayRepo implements RepoView {
  private readonly disk = new Map<string, string | undefined>();
  /** Files on disk refused for their size (repo path → bytes), known until they change. */
  private readonly diskTooLarge = new Map<string, number>();
  private merged: readonly string[] | undefined;
  private listed: Set<string> | undefined;

  constructor(
    private files: readonly string[],
    private readonly openText: OpenText,
    private readonly listOpen: () => Iterable<string>,
    private readonly readDisk: (path: string) => string | undefined,
    /** Bytes of a file on disk, asked before reading it. */
    private readonly sizeOnDisk: (path: string) => number | undefined,
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
    const open = this.openText(path);
    if (open === undefined) return this.diskText(path);
    return withinLimit(path, open.length) ? open : undefined;
  }

  /** The saved text, whatever the editor holds (undefined when it is too large to read). */
  diskText(path: string): string | undefined {
    if (this.disk.has(path)) return this.disk.get(path);
    const size = this.sizeOnDisk(path);
    const refused = size !== undefined && !withinLimit(path, size);
    const text = refused ? undefined : this.readDisk(path);
    if (refused) this.diskTooLarge.set(path, size);
    this.disk.set(path, text);
    return text;
  }

  whyUnread(path: string): string | undefined {
    const size = this.tooLarge(path);
    return size === undefined ? undefined : tooLargeMessage(path, size);
  }

  /** The size of a file refused for it (characters of a buffer, bytes on disk), else undefined. */
  private tooLarge(path: string): number | undefined {
    const open = this.openText(path);
    if (open !== undefined) return withinLimit(path, open.length) ? undefined : open.length;
    this.diskText(path);
    return this.diskTooLarge.get(path);
  }

  /** Every file refused for its size so far: open buffers, and disk files a rule asked for. */
  refusedFiles(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [path, size] of this.diskTooLarge) if (this.openText(path) === undefined) out.set(path, size);
    for (const path of this.listOpen()) {
      const size = this.tooLarge(path);
      if (size !== undefined) out.set(path, size);
    }
    return out;
  }

  /** Repo paths of the buffers open in the editor. */
  openPaths(): Iterable<string> {
    return this.listOpen();
  }

  setFiles(files: readonly string[]): void {
    this.files = files;
    this.merged = undefined;
    this.listed = undefined;
  }

  /** Whether git lists the file (tracked, or untracked and not ignored); open buffers aside. */
  isListed(path: string): boolean {
    this.listed ??= new Set(this.files);
    return this.listed.has(path);
  }

  /** An editor buffer opened or closed: the merged file list may change. */
  openSetChanged(): void {
    this.merged = undefined;
  }

  forgetDisk(path?: string): void {
    if (path === undefined) {
      this.disk.clear();
      this.diskTooLarge.clear();
    } else {
      this.disk.delete(path);
      this.diskTooLarge.delete(path);
    }
  }
}

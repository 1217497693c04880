import type { GitFacts, RepoView } from '@slipway/policy-core';
import { type Refused, refusalLine } from '@slipway/policy-core/node';
import type { DiskRead } from './repo-files.js';
import { tooLargeMessage, withinLimit } from './size-gate.js';
import { REFUSED_RULE, TOO_LARGE_RULE, type UnreadFile } from './unread-files.js';

/** What the overlay needs from the editor: the text of an open, possibly unsaved, buffer. */
export type OpenText = (path: string) => string | undefined;

/**
 * The repository as the editor sees it: open buffers (saved or not) beat the disk. Disk texts
 * are cached until a watched-file event says the file changed, so a re-check after a keystroke
 * reads only what changed: the buffer being edited. Files past the editor's size limit
 * (size-gate.ts) are refused before they are read, and files the one reader refuses (a link
 * leaving the repository, a FIFO, a device) are never read: `readFile` answers undefined and
 * `whyUnread` says why, so the rules never start on them and say so (`unreadFiles`).
 */
export class OverlayRepo implements RepoView {
  private readonly disk = new Map<string, string | undefined>();
  /** Files on disk refused for their size (repo path → bytes), known until they change. */
  private readonly diskTooLarge = new Map<string, number>();
  /** Files on disk the one reader refused (repo path → why and what to do), known until they change. */
  private readonly diskRefused = new Map<string, Refused>();
  private merged: readonly string[] | undefined;
  private listed: Set<string> | undefined;

  constructor(
    private files: readonly string[],
    private readonly openText: OpenText,
    private readonly listOpen: () => Iterable<string>,
    /** A file on disk through the one reader, refused unread past the size limit (repo-files.ts). */
    private readonly readDisk: (path: string) => DiskRead,
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

  /** The saved text, whatever the editor holds (undefined when it is too large or refused). */
  diskText(path: string): string | undefined {
    if (this.disk.has(path)) return this.disk.get(path);
    const read = this.readDisk(path);
    let text: string | undefined;
    if (read === undefined) text = undefined;
    else if ('tooLarge' in read) this.diskTooLarge.set(path, read.tooLarge);
    else if ('refused' in read) this.diskRefused.set(path, read);
    else text = read.text;
    this.disk.set(path, text);
    return text;
  }

  whyUnread(path: string): string | undefined {
    const size = this.tooLarge(path);
    if (size !== undefined) return tooLargeMessage(path, size);
    return this.refusal(path)?.refused;
  }

  /**
   * Why the one reader refused the file on disk and what to do, while no buffer holds it (the
   * editor's refused policy file says so as POL001).
   */
  refusal(path: string): Refused | undefined {
    if (this.openText(path) !== undefined) return undefined;
    this.diskText(path);
    return this.diskRefused.get(path);
  }

  /** The size of a file refused for it (characters of a buffer, bytes on disk), else undefined. */
  private tooLarge(path: string): number | undefined {
    const open = this.openText(path);
    if (open !== undefined) return withinLimit(path, open.length) ? undefined : open.length;
    this.diskText(path);
    return this.diskTooLarge.get(path);
  }

  /** Every file not read so far, and why: open buffers past the limit, and disk files a rule asked for. */
  unreadFiles(): Map<string, UnreadFile> {
    const out = new Map<string, UnreadFile>();
    const tooLarge = (path: string, size: number) => {
      const message = tooLargeMessage(path, size);
      out.set(path, { rule: TOO_LARGE_RULE, message, said: message });
    };
    for (const [path, size] of this.diskTooLarge) if (this.openText(path) === undefined) tooLarge(path, size);
    for (const [path, why] of this.diskRefused)
      if (this.openText(path) === undefined)
        out.set(path, { rule: REFUSED_RULE, message: refusalLine(why), said: why.refused });
    for (const path of this.listOpen()) {
      const size = this.tooLarge(path);
      if (size !== undefined) tooLarge(path, size);
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
      this.diskRefused.clear();
    } else {
      this.disk.delete(path);
      this.diskTooLarge.delete(path);
      this.diskRefused.delete(path);
    }
  }
}

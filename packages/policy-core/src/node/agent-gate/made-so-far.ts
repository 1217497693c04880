import { Minimatch } from 'minimatch';

/**
 * What a command has written so far, in its order (ShellEffects.writes): a folder moved or copied
 * later in the same command carries these with it (`mkdir -p w/workflows && echo … > w/workflows/x.yml
 * && mv w .github`), though none of them is on disk when the gate looks.
 */
export class MadeSoFar {
  readonly #files = new Set<string>();
  readonly #globs: Minimatch[] = [];
  readonly #removed = new Set<string>();

  /** A repository path the command writes (a file or a folder it makes). */
  add(rel: string): void {
    this.#files.add(rel);
  }

  /** A repository path the command removes or moves away (`mv db old`, `rm -rf db`). */
  remove(rel: string): void {
    this.#removed.add(rel);
  }

  /**
   * Whether `rel` or a folder above it was removed earlier in the command: what was a folder when
   * the gate looked may be gone, or another thing, when a later step writes there
   * (`mv db old && mv scratch db` makes scratch the new db, not db/scratch).
   */
  removedAt(rel: string): boolean {
    if (this.#removed.has('')) return true;
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) if (this.#removed.has(parts.slice(0, i).join('/'))) return true;
    return false;
  }

  /** A glob the command writes (`cp a/*.yml w/`): names only the disk at run time knows. */
  addGlob(rel: string): void {
    this.#globs.push(new Minimatch(rel, { dot: true, partial: true }));
  }

  has(rel: string): boolean {
    return this.#files.has(rel);
  }

  /** The paths written under the folder `rel`, relative to it ('' for `rel` itself). */
  under(rel: string): string[] {
    if (rel === '') return [...this.#files];
    const out: string[] = [];
    for (const f of this.#files)
      if (f === rel) out.push('');
      else if (f.startsWith(`${rel}/`)) out.push(f.slice(rel.length + 1));
    return out;
  }

  /**
   * Whether a glob written so far may name something at or under `rel` (minimatch's partial
   * match: the path so far not contradicted by the glob, so `*\/x.yml` may be under `w`).
   */
  globUnder(rel: string): boolean {
    return this.#globs.some((g) => rel === '' || g.match(rel));
  }

  /** Every path written, for a glob to be matched against. */
  all(): Iterable<string> {
    return this.#files;
  }

  get globs(): number {
    return this.#globs.length;
  }
}

import { Minimatch } from 'minimatch';

/**
 * What a command has written so far, in its order (ShellEffects.writes): a folder moved or copied
 * later in the same command carries these with it (`mkdir -p w/workflows && echo … > w/workflows/x.yml
 * && mv w .github`), though none of them is on disk when the gate looks.
 */
export class MadeSoFar {
  readonly #files = new Set<string>();
  readonly #globs: Minimatch[] = [];

  /** A repository path the command writes (a file or a folder it makes). */
  add(rel: string): void {
    this.#files.add(rel);
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

import { runGit, splitZ } from '@slipway/policy-core/node';

/**
 * Which paths git ignores (`node_modules/`, a build directory in `.gitignore`): no rule reads
 * them (the file list is git's, without them), so a change to one, on disk or in a buffer,
 * starts no check and publishes nothing. Git answers (`check-ignore`, which knows every
 * `.gitignore`, `info/exclude` and `core.excludesFile`), once per path until the ignore rules
 * may have changed. Paths in the file list never get here: a listed file is not ignored.
 */
export class IgnoredPaths {
  private readonly known = new Map<string, boolean>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    private readonly root: string,
    private readonly isGit: boolean,
    private readonly log: (line: string) => void,
    /** Called once git has answered, with the paths it does not ignore (they now count). */
    private readonly settled: (notIgnored: readonly string[]) => void,
  ) {}

  /** Ignored, or being asked about: such a buffer is not part of the repository (yet). */
  hides(path: string): boolean {
    return this.known.get(path) === true || this.pending.has(path);
  }

  /** The ignored ones among `paths` (one git run for those not known yet). */
  async among(paths: readonly string[]): Promise<Set<string>> {
    const ask = this.isGit
      ? [...new Set(paths)].filter((p) => !this.known.has(p) && !this.pending.has(p))
      : [];
    if (ask.length > 0) {
      const asked = this.ask(ask);
      for (const p of ask)
        this.pending.set(
          p,
          asked.then((ignored) => ignored.has(p)),
        );
      await asked;
    }
    const out = new Set<string>();
    for (const p of paths) if (await this.isIgnored(p)) out.add(p);
    return out;
  }

  private async isIgnored(path: string): Promise<boolean> {
    return this.known.get(path) ?? (await this.pending.get(path)) ?? false;
  }

  private async ask(paths: string[]): Promise<Set<string>> {
    let ignored = new Set<string>();
    try {
      // Exit 1: none of them is ignored.
      const r = await runGit(this.root, ['check-ignore', '-z', '--stdin'], {
        input: `${paths.join('\0')}\0`,
        okCodes: [1],
      });
      ignored = new Set(splitZ(r.stdout));
    } catch (err) {
      // Unknown: treat as not ignored, which costs a check and never hides a finding.
      this.log(`cannot ask git which files are ignored: ${(err as Error).message}`);
    }
    for (const p of paths) {
      this.known.set(p, ignored.has(p));
      this.pending.delete(p);
    }
    this.settled(paths.filter((p) => !ignored.has(p)));
    return ignored;
  }

  /** A `.gitignore` changed or HEAD moved: every answer may be different now. */
  forget(): void {
    this.known.clear();
  }
}

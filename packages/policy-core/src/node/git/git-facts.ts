import type { GitFacts } from '../../repo.js';
import { runGitSync } from './run-git.js';

/**
 * GitFacts over a real repository: sync (rules are sync) and cached, since rules ask the same
 * question for every finding about one commit. Unknown objects answer false, not throw.
 */
export class RepoGitFacts implements GitFacts {
  private readonly exists = new Map<string, boolean>();
  private readonly ancestors = new Map<string, boolean>();

  constructor(private readonly cwd: string) {}

  commitExists(sha: string): boolean {
    let known = this.exists.get(sha);
    if (known === undefined) {
      known =
        !sha.startsWith('-') &&
        runGitSync(this.cwd, ['cat-file', '-e', `${sha}^{commit}`], { okCodes: [1, 128] }).code === 0;
      this.exists.set(sha, known);
    }
    return known;
  }

  /** One `git cat-file --batch-check` for every SHA not asked yet, instead of a process each. */
  primeCommits(shas: readonly string[]): void {
    const ask = [...new Set(shas)].filter((s) => !this.exists.has(s) && /^[0-9a-f]{4,64}$/i.test(s));
    if (ask.length === 0) return;
    const r = runGitSync(this.cwd, ['cat-file', '--batch-check'], {
      input: `${ask.map((s) => `${s}^{commit}`).join('\n')}\n`,
      okCodes: [128],
    });
    if (r.code !== 0) return; // commitExists asks one by one, as without priming
    const lines = r.stdout.toString('utf8').split('\n');
    for (const [i, sha] of ask.entries()) this.exists.set(sha, / commit \d+$/.test(lines[i] ?? ''));
  }

  isAncestor(ancestor: string, ref: string): boolean {
    const key = `${ancestor}\0${ref}`;
    let known = this.ancestors.get(key);
    if (known === undefined) {
      known =
        !ancestor.startsWith('-') &&
        !ref.startsWith('-') &&
        runGitSync(this.cwd, ['merge-base', '--is-ancestor', ancestor, ref], { okCodes: [1, 128] }).code ===
          0;
      this.ancestors.set(key, known);
    }
    return known;
  }
}

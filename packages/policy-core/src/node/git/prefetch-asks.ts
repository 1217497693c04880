import type { GitAsks } from '../../git-asks.js';
import type { GitFacts } from '../../repo.js';
import type { BaseReader } from './base-reader.js';
import { RepoGitFacts } from './git-facts.js';
import { blobObject } from './path-bytes.js';
import type { CatFileAsk, CatFileSession } from './cat-file-session.js';
import { runGit } from './run-git.js';

/**
 * ChangeSet.prefetch for a change read from git: the files at base and the commit questions
 * asked together of the check's `git cat-file --batch-command` (CatFileSession: the process that
 * read the policy at base), each ancestry question a `merge-base --is-ancestor` beside it, all
 * at once and without blocking. The round that finds nothing to ask ends the session.
 * Answers go where the rules look (the base reader, RepoGitFacts). A git that cannot (before
 * 2.36, no --batch-command) or a batch that fails leaves them unanswered: the rules ask as they
 * run, as without prefetching. Resolves to false when there was nothing to ask, or the batch
 * failed (no round after it would do better).
 */
export async function prefetchAsks(
  cwd: string,
  session: CatFileSession,
  base: string,
  reader: BaseReader,
  asks: GitAsks,
  facts: GitFacts | undefined,
): Promise<boolean> {
  // A name with a newline cannot go on one line of the session: the rules read it as they run.
  const paths = [...new Set(asks.base ?? [])].filter((p) => !reader.knows(p) && !p.includes('\n'));
  const git = facts instanceof RepoGitFacts ? facts : undefined;
  const names = git?.unknownCommits(asks.commits ?? []) ?? [];
  const pairs = git?.unknownAncestry(asks.ancestry ?? []) ?? [];
  if (paths.length === 0 && names.length === 0 && pairs.length === 0) {
    session.close();
    return false;
  }
  const asked = paths.length > 0 || names.length > 0;
  const batch = (asked ? session.ask(questions(base, paths, names)) : Promise.resolve(undefined)).then(
    (answers) => {
      if (!answers) return !asked;
      reader.learn(new Map(paths.map((p, i) => [p, answers[i]?.text])));
      names.forEach((name, i) => {
        const own = answers[paths.length + 2 * i];
        const peeled = answers[paths.length + 2 * i + 1];
        git?.learnCommit(name, own?.type, peeled ? { oid: peeled.oid, type: peeled.type } : undefined);
      });
      return true;
    },
    () => false,
  );
  const ancestry = pairs.map(([a, r]) =>
    runGit(cwd, ['merge-base', '--is-ancestor', a, r], { okCodes: [1, 128] }).then(
      (res) => git?.learnAncestry(a, r, res.code === 0),
      () => {},
    ),
  );
  const [answered] = await Promise.all([batch, ...ancestry]);
  // A batch git could not answer would fail again next round: the rules ask as they run.
  return answered;
}

/** `contents <base>:<path>` for each path, then `info <name>` and `info <name>^{commit}` for each name. */
function questions(base: string, paths: readonly string[], names: readonly string[]): CatFileAsk[] {
  return [
    ...paths.map((p) => ({
      contents: true,
      object: blobObject(base, p),
    })),
    ...names.flatMap((n) =>
      [n, `${n}^{commit}`].map((o) => ({ contents: false, object: Buffer.from(o, 'utf8') })),
    ),
  ];
}

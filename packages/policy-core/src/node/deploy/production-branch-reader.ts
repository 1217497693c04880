import { DEFAULT_PRODUCTION_BRANCH, POLICY_FILES } from '../../policy/policy-files.js';
import { CatFileSession } from '../git/cat-file-session.js';
import { blobObject } from '../git/path-bytes.js';
import { runGit } from '../git/run-git.js';
import { originHeadFromFile } from '../git/symbolic-ref-file.js';
import { readPolicyFilesAt } from '../governing-policy.js';

/** The production branch's head: the local branch, else the remote-tracking one (a CI checkout). */
export async function productionBranchHead(
  root: string,
  branch: string,
): Promise<{ ref: string; sha: string } | undefined> {
  for (const ref of branchRefs(branch)) {
    const r = await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      okCodes: [1, 128],
    });
    const sha = r.stdout.toString('utf8').trim();
    if (r.code === 0 && /^[0-9a-f]{40}$/.test(sha)) return { ref, sha };
  }
  return undefined;
}

const branchRefs = (branch: string) => [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`];

/**
 * What the search for production's policy (production-deploy-settings.ts) asks git: the remote's
 * default branch, each branch's head, the policy files at a commit. Every promote, rollback and
 * unpin asks it before anything else, one question after another, and on a busy machine each
 * process start costs more than its answer: so origin/HEAD is read from its file
 * (symbolic-ref-file.ts), and the heads and files come from one `git cat-file --batch-command`
 * for the whole search (a branch's two refs asked together), the same names asked as
 * `rev-parse --verify` and `cat-file --batch` were given, so the same answers. A git without
 * `--batch-command` (before 2.36), or a session that fails, fails it once: each question then
 * has its own process, as before. Each answer is kept: `prefetch` asks, before the policy the
 * run was given is even parsed, what every search asks first. `close` ends the session.
 */
export class ProductionBranchReader {
  private readonly session: CatFileSession;
  private sessionFailed = false;
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(private readonly root: string) {
    this.session = new CatFileSession(root);
  }

  /**
   * Asks now what the search starts with, whatever the policy says: the remote's default branch
   * (else main), its head and the policy there. Its failures are the search's to meet.
   */
  prefetch(): void {
    const first = async () => {
      const head = await this.head((await this.remoteDefaultBranch()) ?? DEFAULT_PRODUCTION_BRANCH);
      if (head) await this.policyFiles(head.sha);
    };
    first().catch(() => {});
  }

  /** The branch origin's HEAD names (the remote's default branch), when the clone knows it. */
  remoteDefaultBranch(): Promise<string | undefined> {
    return this.kept('origin/HEAD', () => this.readRemoteDefaultBranch());
  }

  /** productionBranchHead, from the session. */
  head(branch: string): Promise<{ ref: string; sha: string } | undefined> {
    return this.kept(`head ${branch}`, () => this.readHead(branch));
  }

  /** readPolicyFilesAt, from the session. */
  policyFiles(sha: string): Promise<Map<string, string | undefined>> {
    return this.kept(`files ${sha}`, () => this.readPolicyFiles(sha));
  }

  close(): void {
    this.session.close();
  }

  private kept<T>(key: string, read: () => Promise<T>): Promise<T> {
    let answer = this.answers.get(key) as Promise<T> | undefined;
    if (answer === undefined) {
      answer = read();
      this.answers.set(key, answer);
    }
    return answer;
  }

  private async readRemoteDefaultBranch(): Promise<string | undefined> {
    const fromFile = originHeadFromFile(this.root);
    if (fromFile !== null) return fromFile;
    const r = await runGit(this.root, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], {
      okCodes: [1, 128],
    });
    const ref = r.stdout.toString('utf8').trim();
    return r.code === 0 && ref.startsWith('refs/remotes/origin/')
      ? ref.slice('refs/remotes/origin/'.length)
      : undefined;
  }

  private async readHead(branch: string): Promise<{ ref: string; sha: string } | undefined> {
    const refs = branchRefs(branch);
    const answers = await this.ask(
      refs.map((ref) => ({ contents: false, object: Buffer.from(`${ref}^{commit}`) })),
    );
    if (answers === undefined) return productionBranchHead(this.root, branch);
    for (const [i, ref] of refs.entries()) {
      const sha = answers[i]?.type === 'commit' ? answers[i]?.oid : undefined;
      if (sha !== undefined && /^[0-9a-f]{40}$/.test(sha)) return { ref, sha };
    }
    return undefined;
  }

  private async readPolicyFiles(sha: string): Promise<Map<string, string | undefined>> {
    const answers = await this.ask(POLICY_FILES.map((f) => ({ contents: true, object: blobObject(sha, f) })));
    if (answers === undefined) return readPolicyFilesAt(this.root, sha);
    return new Map(
      POLICY_FILES.map((f, i) => [f, answers[i]?.type === 'blob' ? answers[i]?.text : undefined]),
    );
  }

  /** The session's answers; undefined once it has failed (the caller asks as without it). */
  private async ask(asks: Parameters<CatFileSession['ask']>[0]) {
    if (this.sessionFailed) return undefined;
    try {
      return await this.session.ask(asks);
    } catch {
      this.sessionFailed = true;
      return undefined;
    }
  }
}

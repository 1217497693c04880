import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ChangeSet, POLICY_FILES } from '@slipway/policy-core';
import { discoverCommonDir, findRoot, gitDirOfRoot, writeTarget } from '@slipway/policy-core/node';
import { gitStep } from '../git-step.js';
import { openCheckContext, type RepoContext } from '../repo-context.js';
import { ToolRefusal } from './tool-result.js';

/** A path in the repository as the agent named it, and the file it really is when a link inside leads elsewhere. */
export interface AgentPath {
  path: string;
  real?: string;
}

/** The repository as `slipway check` opens it with no flags: the working tree and branch against the base. */
export interface Opened {
  context: RepoContext;
  change?: ChangeSet;
}

/**
 * One MCP server's repository: found once (the directory the server started in, or `--repo`),
 * opened as `slipway check` opens it for each question that needs the whole change
 * (check_change, policy_summary, lint_migration). `may_edit` is asked before every edit, so its
 * opening is kept while the git state and the policy files on disk stay as they were (stateKey):
 * what it reads (the governing policy, the file listing) changes only with them. A file created
 * since and not yet added to git is missing from the kept listing; the path rules match patterns
 * and do not need it listed.
 */
export class McpSession {
  private rootFound: Promise<string> | undefined;
  private kept: { key: string; opened: Promise<Opened>; production?: string } | undefined;

  constructor(
    private readonly dir: string,
    readonly env: Record<string, string | undefined>,
  ) {}

  root(): Promise<string> {
    this.rootFound ??= gitStep(() => findRoot(this.dir)).then((r) => r.root);
    // A failure (not a repository yet) is not kept: the next question looks again.
    this.rootFound.catch(() => {
      this.rootFound = undefined;
    });
    return this.rootFound;
  }

  /** The working tree and the change against its base, opened afresh. */
  async open(): Promise<Opened> {
    return openCheckContext(await this.root(), undefined, {}, this.env);
  }

  private turn: Promise<unknown> = Promise.resolve();

  /**
   * Runs the whole-repository questions one at a time: a client that sends twenty check_change
   * calls at once gets them answered in turn, not twenty openings (git processes, parsed trees)
   * at the same time.
   */
  inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** The last opening while HEAD and the policy files are unchanged; else a fresh one. */
  async openKept(): Promise<Opened> {
    const root = await this.root();
    const key = this.stateKey(root, this.kept?.production);
    if (key === undefined || this.kept?.key !== key) {
      const opened = this.open();
      const kept: NonNullable<McpSession['kept']> = { key: key ?? '', opened };
      this.kept = key === undefined ? undefined : kept;
      opened.then(
        ({ context }) => {
          // The base is read from the production branch: its ref moving changes the base.
          kept.production = context.policy.policy.production_branch;
          kept.key = this.stateKey(root, kept.production) ?? '';
        },
        () => {
          if (this.kept === kept) this.kept = undefined;
        },
      );
      return opened;
    }
    return this.kept.opened;
  }

  /**
   * A path an agent named (relative to the repository root, or absolute inside it), placed as
   * the agent gate places a write (writeTarget: links followed); outside the repository, in the
   * git directory or through a link out of it is the tool's error (one line).
   */
  async repoPath(raw: string): Promise<AgentPath> {
    const root = await this.root();
    const target = writeTarget(root, root, raw);
    if ('outside' in target)
      throw new ToolRefusal(
        `${raw} is outside the repository ${root}: name a file inside it (relative to its root, or absolute)`,
      );
    if ('refused' in target) throw new ToolRefusal(`${target.refused}; Slipway does not judge it`);
    return target.via === undefined ? { path: target.rel } : { path: target.via, real: target.rel };
  }

  /**
   * What the kept opening depends on, read from the file system without a git process (a few
   * small reads, so that `may_edit` stays fast): HEAD and the ref it names, the production
   * branch's ref, packed refs, the index (an add, a commit, a checkout) and each policy file's
   * identity on disk. Undefined when the git directory is not one these reads can follow (then
   * nothing is kept).
   */
  private stateKey(root: string, production: string | undefined): string | undefined {
    const gitDir = gitDirOfRoot(root);
    const common = discoverCommonDir(root, this.env);
    if (gitDir === undefined || common === undefined) return undefined;
    const read = (path: string) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '-';
      }
    };
    const stat = (path: string) => {
      const st = statSync(path, { throwIfNoEntry: false });
      return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : '-';
    };
    const head = read(join(gitDir, 'HEAD'));
    const ref = /^ref: (refs\/[^\n]+)/.exec(head)?.[1];
    return [
      head,
      ref ? read(join(common, ref)) : '',
      production ? read(join(common, 'refs/heads', production)) : '',
      stat(join(common, 'packed-refs')),
      stat(join(gitDir, 'index')),
      ...POLICY_FILES.map((f) => stat(join(root, f))),
    ].join('|');
  }
}

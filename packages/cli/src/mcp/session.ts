import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type ChangeSet, POLICY_FILES } from '@slipway/policy-core';
import {
  type AgentRepoPath,
  agentRepoPath,
  findRoot,
  RepoConfinement,
  refusalLine,
  runGit,
} from '@slipway/policy-core/node';
import { gitStep } from '../git-step.js';
import { openCheckContext, type RepoContext } from '../repo-context.js';
import { ToolRefusal } from './tool-result.js';

/** The repository as `slipway check` opens it with no flags: the working tree and branch against the base. */
export interface Opened {
  context: RepoContext;
  change?: ChangeSet;
}

/**
 * One MCP server's repository: found once (the directory the server started in, or `--repo`),
 * opened as `slipway check` opens it for each question that needs the whole change
 * (check_change, policy_summary, lint_migration). `may_edit` is asked before every edit, so its
 * opening is kept while HEAD and the policy files on disk stay as they were: what it reads (the
 * governing policy, the file listing) changes only with them.
 */
export class McpSession {
  private rootFound: Promise<string> | undefined;
  private box: RepoConfinement | undefined;
  private kept: { key: string; opened: Promise<Opened> } | undefined;

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

  /** The last opening while HEAD and the policy files are unchanged; else a fresh one. */
  async openKept(): Promise<Opened> {
    const root = await this.root();
    const key = await this.stateKey(root);
    if (this.kept?.key !== key) {
      const opened = this.open();
      this.kept = { key, opened };
      opened.catch(() => {
        if (this.kept?.opened === opened) this.kept = undefined;
      });
    }
    return this.kept.opened;
  }

  /** A path an agent named, in the repository; a refusal is the tool's error (one line). */
  async repoPath(raw: string): Promise<AgentRepoPath> {
    const root = await this.root();
    this.box ??= new RepoConfinement(root);
    const found = agentRepoPath(this.box, raw);
    if ('refused' in found) throw new ToolRefusal(refusalLine(found));
    return found;
  }

  /** HEAD's commit and each policy file's identity on disk (size, time, inode). */
  private async stateKey(root: string): Promise<string> {
    const head = await runGit(root, ['rev-parse', '--verify', '-q', 'HEAD'], { okCodes: [0, 1, 128] });
    const files = POLICY_FILES.map((f) => {
      const st = statSync(join(root, f), { throwIfNoEntry: false });
      return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : '-';
    });
    return [head.stdout.toString('utf8').trim(), ...files].join('|');
  }
}

import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRepoPath, uriToPath } from './paths.js';
import { Project } from './project.js';
import { watchGitState } from './git-state.js';
import { repoRoot } from './repo-files.js';

/** Where a document lives: its project and repo-relative path. */
export interface Located {
  project: Project;
  path: string;
}

/**
 * The repositories of the open workspace folders. Two folders inside one repository share one
 * project; a document belongs to the project whose root contains it most closely.
 */
export class Projects {
  private readonly byRoot = new Map<string, Project>();
  private readonly folders = new Map<string, Promise<Project | undefined>>();
  /** Set when the client cannot watch files: each git project then gets a server-side watcher. */
  private onGitState: ((project: Project) => void) | undefined;
  private readonly stopWatching: (() => void)[] = [];

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly log: (line: string) => void,
  ) {}

  async addFolder(uri: string): Promise<Project | undefined> {
    let pending = this.folders.get(uri);
    if (!pending) {
      pending = this.openFolder(uri);
      this.folders.set(uri, pending);
    }
    return pending;
  }

  removeFolder(uri: string): void {
    this.folders.delete(uri);
    // Projects stay cached: another folder may share the repository; they cost only memory.
  }

  private async openFolder(uri: string): Promise<Project | undefined> {
    const folder = uriToPath(uri);
    if (folder === undefined) return undefined;
    try {
      const { root, isGit } = await repoRoot(folder);
      let project = this.byRoot.get(root);
      if (!project) {
        project = new Project(root, isGit, {
          openText: (r, p) => {
            const uri = this.openIndex(r).get(p);
            return uri === undefined ? undefined : this.documents.get(uri)?.getText();
          },
          openPaths: (r) => this.openIndex(r).keys(),
          openVersion: (r, p) => {
            const uri = this.openIndex(r).get(p);
            return uri === undefined ? undefined : this.documents.get(uri)?.version;
          },
          log: this.log,
        });
        this.byRoot.set(root, project);
        if (this.onGitState && isGit) this.watchGit(project);
        this.log(`workspace folder ${folder}: repository ${root}${isGit ? '' : ' (not a git repository)'}`);
      }
      return project;
    } catch (err) {
      this.log(`workspace folder ${folder}: ${(err as Error).message}`);
      return undefined;
    }
  }

  /**
   * Watches every git project's HEAD, refs and index from the server (for clients without file
   * watching); `changed` runs after the project has been told.
   */
  watchGitStateOnDisk(changed: (project: Project) => void): void {
    this.onGitState = changed;
    for (const project of this.byRoot.values()) if (project.isGit) this.watchGit(project);
  }

  private watchGit(project: Project): void {
    this.stopWatching.push(
      watchGitState(project.root, (kind) => {
        if (kind === 'head') project.headChanged();
        else project.indexChanged();
        this.onGitState?.(project);
      }),
    );
  }

  /** Stops the server-side watchers (on shutdown). */
  dispose(): void {
    for (const stop of this.stopWatching.splice(0)) stop();
  }

  /** Repo path → URI of the open buffers of each project root, kept by open/close events. */
  private readonly open = new Map<string, Map<string, string>>();

  private openIndex(root: string): Map<string, string> {
    let index = this.open.get(root);
    if (!index) {
      index = new Map();
      for (const doc of this.documents.all()) {
        const abs = uriToPath(doc.uri);
        const rel = abs === undefined ? undefined : toRepoPath(root, abs);
        if (rel !== undefined) index.set(rel, doc.uri);
      }
      this.open.set(root, index);
    }
    return index;
  }

  /** Records an opened or closed buffer; returns where it lives. */
  bufferOpened(uri: string, opened: boolean): Located | undefined {
    const where = this.locateNow(uri);
    if (!where) return undefined;
    const index = this.openIndex(where.project.root);
    if (opened) index.set(where.path, uri);
    else index.delete(where.path);
    return where;
  }

  /** The projects of the current workspace folders, once they are open. */
  async ready(): Promise<Project[]> {
    const projects = await Promise.all(this.folders.values());
    return [...new Set(projects.filter((p): p is Project => p !== undefined))];
  }

  all(): Project[] {
    return [...this.byRoot.values()];
  }

  /** Waits for the folders still opening, then finds the project of a URI. */
  async locate(uri: string): Promise<Located | undefined> {
    await Promise.all(this.folders.values());
    return this.locateNow(uri);
  }

  locateNow(uri: string): Located | undefined {
    const abs = uriToPath(uri);
    if (abs === undefined) return undefined;
    let best: Located | undefined;
    for (const project of this.byRoot.values()) {
      const path = toRepoPath(project.root, abs);
      if (path !== undefined && (!best || project.root.length > best.project.root.length))
        best = { project, path };
    }
    return best;
  }
}

import { join } from 'node:path';
import { toRepoPath, uriToPath } from './paths.js';
import { Project, type ProjectHost } from './project.js';
import { watchGitState } from './git-state.js';
import type { OpenDocuments } from './open-documents.js';
import { nestedPolicyFolders, repoRoot } from './repo-files.js';

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
    private readonly documents: OpenDocuments,
    private readonly log: (line: string) => void,
    /**
     * Restricted Mode (an untrusted workspace): each folder is its own project, read from disk
     * only. No git (it runs programs a repository configures: hooks, fsmonitor, filters).
     */
    readonly restricted = false,
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
      const { root, isGit } = this.restricted ? { root: folder, isGit: false } : await repoRoot(folder);
      let project = this.byRoot.get(root);
      if (!project) {
        project = new Project(root, isGit, this.host);
        this.byRoot.set(root, project);
        if (this.onGitState && isGit) this.watchGit(project);
        this.log(`workspace folder ${folder}: repository ${root}${isGit ? '' : ' (not a git repository)'}`);
        // The first pull comes once the client has the initialize answer: by then the file list,
        // the change and the parsers are read (Restricted Mode reads open files only, on demand).
        if (!this.restricted) void project.refresh();
        await this.openNested(project);
      }
      return project;
    } catch (err) {
      this.log(`workspace folder ${folder}: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** What every project reads from the editor: open buffers by repo path, their versions, the log. */
  private readonly host: ProjectHost = {
    openText: (r, p) => {
      const uri = this.openIndex(r).get(p);
      return uri === undefined ? undefined : this.documents.get(uri)?.getText();
    },
    openPaths: (r) => this.openIndex(r).keys(),
    openVersion: (r, p) => {
      const uri = this.openIndex(r).get(p);
      return uri === undefined ? undefined : this.documents.get(uri)?.version;
    },
    log: (line) => this.log(line),
    fetchBases: () => !this.restricted,
  };

  /**
   * A project for each folder below the repository's top with a policy of its own: a file is
   * checked with the nearest policy above it (see locateNow). Found when the folder opens, and
   * again when a policy file is created or deleted below it.
   */
  private async openNested(topProject: Project): Promise<void> {
    const top = topProject.root;
    const folders = await nestedPolicyFolders(top, topProject.isGit).catch((err: Error) => {
      this.log(`cannot look for policies below ${top}: ${err.message}`);
      return undefined;
    });
    if (!folders) return;
    const roots = new Set(folders.map((folder) => join(top, folder)));
    // A nested policy deleted: its files fall back to the policy above them.
    for (const [root, project] of this.byRoot)
      if (project.nested && toRepoPath(top, root) !== undefined && !roots.has(root)) {
        this.byRoot.delete(root);
        this.log(`no policy in ${root} any more: its files are checked with the one above`);
      }
    for (const folder of folders) {
      const root = join(top, folder);
      if (this.byRoot.has(root)) continue;
      this.byRoot.set(root, new Project(root, topProject.isGit, this.host, true));
      this.log(`policy below the repository's top: ${folder}/ is checked with its own policy`);
    }
  }

  /** A policy file was created or deleted below `project`'s top: look for nested policies again. */
  async policiesMoved(project: Project): Promise<void> {
    const top = project.nested
      ? this.all().find((p) => !p.nested && this.inRepository(p).includes(project))
      : project;
    if (top) await this.openNested(top);
  }

  /** The folders below `project`'s root checked with policies of their own, relative to it. */
  nestedBelow(project: Project): string[] {
    return this.inRepository(project)
      .filter((p) => p !== project && p.nested)
      .map((p) => toRepoPath(project.root, p.root) ?? p.root)
      .sort();
  }

  /** The projects of the same repository as `project` (its top and the policies below it): git state is theirs too. */
  inRepository(project: Project): Project[] {
    return this.all().filter((p) => p === project || toRepoPath(project.root, p.root) !== undefined);
  }

  /** Every project whose folder holds the URI (a repository's top and a policy's folder below it). */
  locateAll(uri: string): Located[] {
    const abs = uriToPath(uri);
    if (abs === undefined) return [];
    return this.all().flatMap((project) => {
      const path = toRepoPath(project.root, abs);
      return path === undefined ? [] : [{ project, path }];
    });
  }

  /**
   * Watches every git project's HEAD, refs and index from the server (for clients without file
   * watching); `changed` runs after the project has been told.
   */
  watchGitStateOnDisk(changed: (project: Project) => void): void {
    this.onGitState = changed;
    for (const project of this.byRoot.values()) if (project.isGit && !project.nested) this.watchGit(project);
  }

  private watchGit(project: Project): void {
    this.stopWatching.push(
      watchGitState(project.root, (kind) => {
        for (const p of this.inRepository(project)) {
          if (kind === 'head') p.headChanged();
          else p.indexChanged();
        }
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
    // Every project holding the file indexes it; the one it belongs to is told by the caller.
    for (const held of this.locateAll(uri)) {
      const index = this.openIndex(held.project.root);
      if (opened) index.set(held.path, uri);
      else index.delete(held.path);
      if (held.project !== where.project) held.project.buffersChanged(true);
    }
    return where;
  }

  /** The projects of the current workspace folders and the policies below them, once they are open. */
  async ready(): Promise<Project[]> {
    const projects = await Promise.all(this.folders.values());
    // With the policies below each repository's top.
    return [
      ...new Set(projects.filter((p): p is Project => p !== undefined).flatMap((p) => this.inRepository(p))),
    ];
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

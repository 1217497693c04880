import { POLICY_FILES } from '@slipway/policy-core';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type FileEvent,
} from 'vscode-languageserver/node';
import { type ServerContext, refreshDiagnostics } from '../context.js';
import { GIT_STATE_GLOBS, gitStateChange } from '../workspace/git-state.js';
import type { Project } from '../workspace/project.js';

const KIND = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
} as const;

/**
 * Buffers, watched files, configuration and workspace folders: every event marks what it
 * invalidates, and the client is asked to pull again.
 */
export function registerWorkspaceHandlers(ctx: ServerContext): void {
  const { documents, projects } = ctx;
  documents.onDidOpen(async ({ document }) => {
    // The document's line table is built on first use and then kept up to date by each edit:
    // build it now, so that the first keystroke in a large file does not pay for it.
    void document.lineCount;
    const where = projects.bufferOpened(document.uri, true);
    if (!where) return;
    // A file git does not list may be ignored (node_modules/, a build directory): ask first.
    const unlisted = !where.project.repo.isListed(where.path);
    if (unlisted && (await where.project.ignoredAmong([where.path])).has(where.path)) return;
    where.project.buffersChanged(true);
    // Its content event came while git was asked, and was held back: count it now.
    if (unlisted) ctx.push?.schedule();
    if (ctx.crossFile) void ctx.crossFile.opened(where.project).catch(() => {});
  });
  documents.onDidClose(({ document }) => {
    projects.bufferOpened(document.uri, false)?.project.buffersChanged(true);
    // Pushed diagnostics stay until replaced: clear them, then re-check the others (the open
    // set feeds the change under review).
    ctx.push?.closed(document.uri);
    ctx.push?.schedule();
  });
  documents.onDidChangeContent(({ document }) => {
    // Also fired on open. Rules read other files (the policy, the revision graph, the change
    // set): with push, every open document is re-checked, as a pulling client re-pulls them.
    // A buffer git ignores, or may (being asked), is no part of the repository: no work at all.
    const where = projects.locateNow(document.uri);
    if (where?.project.ignored.hides(where.path)) return;
    ctx.push?.schedule();
    if (!where) return;
    // The repository's top reads a file below a nested policy too: both see the edit.
    for (const { project } of projects.locateAll(document.uri)) project.buffersChanged(false);
    // Every file is checked against the policy: other open files must be pulled again.
    if (where.path === where.project.policyFile()) refreshDiagnostics(ctx);
    else ctx.crossFile?.edited(where.project, where.path);
  });

  // In order, one batch at a time: a batch may wait for git to say which files it ignores.
  let watched = Promise.resolve();
  ctx.connection.onDidChangeWatchedFiles(({ changes }) => {
    watched = watched
      .then(() => watchedFilesChanged(ctx, changes))
      .catch((err: Error) => {
        ctx.connection.console.warn(`watched files: ${err.message}`);
      });
  });

  ctx.connection.onDidChangeConfiguration(() => {
    ctx.settings.changed();
    refreshDiagnostics(ctx);
  });
}

/** Marks what a batch of disk changes invalidates; files git ignores count for nothing. */
async function watchedFilesChanged(ctx: ServerContext, changes: readonly FileEvent[]): Promise<void> {
  // Every project that holds the file: a repository's top and a policy's folder below it both read it.
  const located = changes.flatMap((change) =>
    ctx.projects
      .locateAll(change.uri)
      .filter((where) => !(where.path.startsWith('.git/') && gitStateChange(where.path) === undefined))
      .map((where) => ({ ...where, type: change.type })),
  );
  const ignored = new Map<Project, Set<string>>();
  for (const project of new Set(located.map((w) => w.project)))
    ignored.set(
      project,
      await project.ignoredAmong(located.filter((w) => w.project === project).map((w) => w.path)),
    );
  // A policy file created or deleted in a folder below a repository's top: that folder gains or
  // loses its own policy (the deepest project holding the file is where it is).
  for (const { project, path, type } of located)
    if (type !== FileChangeType.Changed && isPolicyBelowTop(path) && !ignored.get(project)?.has(path))
      await ctx.projects.policiesMoved(project);
  let relevant = false;
  for (const { project, path, type } of located) {
    const git = gitStateChange(path);
    if (git === 'head') for (const p of ctx.projects.inRepository(project)) p.headChanged();
    else if (git === 'index') for (const p of ctx.projects.inRepository(project)) p.indexChanged();
    else if (ignored.get(project)?.has(path)) continue;
    else project.diskChanged(path, KIND[type] ?? 'changed');
    relevant = true;
  }
  if (relevant) refreshDiagnostics(ctx);
}

function isPolicyBelowTop(path: string): boolean {
  const slash = path.lastIndexOf('/');
  return slash !== -1 && (POLICY_FILES as readonly string[]).includes(path.slice(slash + 1));
}

/** Dynamic registrations made once the client is initialized (where it supports them). */
export async function registerWatchers(
  ctx: ServerContext,
  watch: boolean,
  configuration: boolean,
): Promise<void> {
  if (watch) {
    await ctx.connection.client.register(DidChangeWatchedFilesNotification.type, {
      // Everything: any file may feed a rule, and created/deleted files change the file list.
      // Git's own files are named apart: editors exclude `.git` from `**/*`.
      watchers: [{ globPattern: '**/*' }, ...GIT_STATE_GLOBS.map((globPattern) => ({ globPattern }))],
    });
  }
  if (configuration) {
    await ctx.connection.client.register(DidChangeConfigurationNotification.type, { section: 'slipway' });
  }
}

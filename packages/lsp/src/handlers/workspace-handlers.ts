import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver/node';
import { type ServerContext, refreshDiagnostics } from '../context.js';
import { GIT_STATE_GLOBS, gitStateChange } from '../workspace/git-state.js';

/** The server-side command behind the extension's "Slipway: Revalidate". */
export const REVALIDATE_COMMAND = 'slipway.server.revalidate';

const KIND = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
} as const;

/**
 * Buffers, watched files, configuration, workspace folders and the revalidate command: every
 * event marks what it invalidates, and the client is asked to pull again.
 */
export function registerWorkspaceHandlers(ctx: ServerContext): void {
  const { documents, projects } = ctx;
  documents.onDidOpen(({ document }) => {
    const where = projects.bufferOpened(document.uri, true);
    where?.project.buffersChanged(true);
    if (where && ctx.crossFile) void ctx.crossFile.opened(where.project).catch(() => {});
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
    ctx.push?.schedule();
    const where = projects.locateNow(document.uri);
    if (!where) return;
    where.project.buffersChanged(false);
    // Every file is checked against the policy: other open files must be pulled again.
    if (where.path === where.project.policyFile()) refreshDiagnostics(ctx);
    else ctx.crossFile?.edited(where.project, where.path);
  });

  ctx.connection.onDidChangeWatchedFiles(({ changes }) => {
    let relevant = false;
    for (const change of changes) {
      const where = projects.locateNow(change.uri);
      if (!where) continue;
      const git = gitStateChange(where.path);
      if (git === 'head') where.project.headChanged();
      else if (git === 'index') where.project.indexChanged();
      else if (where.path.startsWith('.git/')) continue;
      else where.project.diskChanged(where.path, KIND[change.type] ?? 'changed');
      relevant = true;
    }
    if (relevant) refreshDiagnostics(ctx);
  });

  ctx.connection.onDidChangeConfiguration(() => {
    ctx.settings.changed();
    refreshDiagnostics(ctx);
  });

  ctx.connection.onExecuteCommand(async ({ command }) => {
    if (command !== REVALIDATE_COMMAND) return;
    ctx.settings.changed();
    for (const project of projects.all()) project.reset();
    refreshDiagnostics(ctx);
  });
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

import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver/node';
import { type ServerContext, refreshDiagnostics } from '../context.js';

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
  documents.onDidOpen(({ document }) =>
    projects.bufferOpened(document.uri, true)?.project.buffersChanged(true),
  );
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
  });

  ctx.connection.onDidChangeWatchedFiles(({ changes }) => {
    let relevant = false;
    for (const change of changes) {
      const where = projects.locateNow(change.uri);
      if (!where) continue;
      if (where.path === '.git/HEAD') where.project.headChanged();
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
      watchers: [{ globPattern: '**/*' }, { globPattern: '**/.git/HEAD' }],
    });
  }
  if (configuration) {
    await ctx.connection.client.register(DidChangeConfigurationNotification.type, { section: 'slipway' });
  }
}

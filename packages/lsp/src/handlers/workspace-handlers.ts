import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { GIT_STATE_GLOBS } from '../service/workspace-events.js';

const KIND = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
} as const;

/**
 * Buffers, watched files and configuration: the service marks what each event invalidates; a
 * push-only client's open documents are checked again.
 */
export function registerWorkspaceHandlers(ctx: ServerContext): void {
  const { documents, service } = ctx;
  documents.onDidOpen(async ({ document }) => {
    // The document's line table is built on first use and then kept up to date by each edit:
    // build it now, so that the first keystroke in a large file does not pay for it.
    void document.lineCount;
    // Its content event came while git was asked, and was held back: count it now.
    if ((await service.documentOpened(document.uri))?.heldBack) ctx.push?.schedule();
  });
  documents.onDidClose(({ document }) => {
    service.documentClosed(document.uri);
    // Pushed diagnostics stay until replaced: clear them, then re-check the others (the open
    // set feeds the change under review).
    ctx.push?.closed(document.uri);
    ctx.push?.schedule();
  });
  documents.onDidChangeContent(({ document }) => {
    // Also fired on open. Rules read other files (the policy, the revision graph, the change
    // set): with push, every open document is re-checked, as a pulling client re-pulls them.
    if (service.documentChanged(document.uri)) ctx.push?.schedule();
  });

  ctx.connection.onDidChangeWatchedFiles(({ changes }) => {
    const batch = changes.map((c) => ({ uri: c.uri, kind: KIND[c.type] ?? 'changed' }));
    service.filesChanged(batch).catch((err: Error) => {
      ctx.connection.console.warn(`watched files: ${err.message}`);
    });
  });

  ctx.connection.onDidChangeConfiguration(() => service.configurationChanged());
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

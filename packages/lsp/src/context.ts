import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CrossFileRefresh } from './handlers/cross-file-refresh.js';
import type { DiagnosticsPusher } from './handlers/diagnostics-push.js';
import type { SettingsStore } from './handlers/settings-store.js';
import type { StatusReporter } from './handlers/status-reporter.js';
import type { Projects } from './workspace/projects.js';

/** What every handler shares. Handlers stay thin: the work happens in workspace/ and features/. */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  projects: Projects;
  settings: SettingsStore;
  status: StatusReporter;
  /** `{id}` template for rule documentation links (initializationOptions.ruleDocs). */
  ruleDocs?: string;
  /** The client re-pulls diagnostics when asked (workspace.diagnostics.refreshSupport). */
  canRefresh: boolean;
  /** Set when the client cannot pull diagnostics (no textDocument.diagnostic): the server pushes them. */
  push?: DiagnosticsPusher;
  /** Set when the client pulls and can be asked to again: edits that change other files' findings refresh. */
  crossFile?: CrossFileRefresh;
}

/**
 * Asks the client to pull diagnostics again (after configuration, file or HEAD changes); a
 * client that cannot pull gets the open documents' diagnostics published again instead.
 */
export function refreshDiagnostics(ctx: ServerContext): void {
  ctx.push?.schedule();
  if (!ctx.canRefresh) return;
  ctx.connection.languages.diagnostics.refresh().catch((err: Error) => {
    ctx.connection.console.warn(`diagnostics refresh failed: ${err.message}`);
  });
}

import type { OpenDbOptions, OpenTraceDb } from '@slipway/policy-core/node';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { GuardFindings } from './commands/guard-findings.js';
import type { PolicyTestRuns } from './features/policy-tests.js';
import type { CrossFileRefresh } from './handlers/cross-file-refresh.js';
import type { DiagnosticsPusher } from './handlers/diagnostics-push.js';
import type { SettingsStore } from './handlers/settings-store.js';
import type { StatusReporter } from './handlers/status-reporter.js';
import type { Projects } from './workspace/projects.js';
import type { SavedTraces } from './workspace/saved-traces.js';

/**
 * What the program running the server adds. Every host reaches PostgreSQL (pg is bundled);
 * `slipway lsp` also passes the CLI's PGlite, which the editor's bundle does not carry (it alone
 * is larger than the whole extension), so there an embedded database is refused with the way out.
 */
export interface ServerHost {
  openEmbedded?: OpenDbOptions['openEmbedded'];
  /** The embedded database `slipway.server.trace` runs migrations on (PGlite, in memory). */
  openTraceDb?: OpenTraceDb;
}

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
  /** The client asks for code lenses again when told to (workspace.codeLens.refreshSupport). */
  canRefreshLenses?: boolean;
  /** Set when the client cannot pull diagnostics (no textDocument.diagnostic): the server pushes them. */
  push?: DiagnosticsPusher;
  /**
   * Restricted Mode (initializationOptions.workspaceTrusted false): file-level findings on open
   * files only; commands that run git or processes, or reach a network or database, are refused.
   */
  restricted: boolean;
  /** The client can show progress the server creates (window.workDoneProgress). */
  workDoneProgress: boolean;
  /** The last deploy guard run from the editor, merged into diagnostics. */
  guard: GuardFindings;
  /** The policy test cases of each project, once run ("Run policy tests"): failing ones are diagnostics. */
  policyTests: PolicyTestRuns;
  /** Commands under way: a shutdown cancels them and waits, so no deploy is left half-logged. */
  running: Map<{ cancel(reason: string): void }, Promise<unknown>>;
  host: ServerHost;
  /** The last trace of each work tree, for the hovers on traced statements. */
  traces: SavedTraces;
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

import type { JsRenderers } from '@slipway/policy-core';
import type { OpenDbOptions, OpenTraceDb } from '@slipway/policy-core/node';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticsPusher, PushActivity } from './diagnostics-push.js';
import type { SlipwayLanguageService } from './service/language-service.js';

/**
 * What the program running the server adds. Every host reaches PostgreSQL (pg is bundled);
 * `slipway lsp` also passes the CLI's PGlite, which the editor's bundle does not carry (it alone
 * is larger than the whole extension), so there an embedded database is refused with the way out.
 */
export interface ServerHost {
  openEmbedded?: OpenDbOptions['openEmbedded'];
  /** The embedded database `slipway.server.trace` runs migrations on (PGlite, in memory). */
  openTraceDb?: OpenTraceDb;
  /** The JS tools' own renderers of builder calls for that trace (`slipway lsp`: Knex, when installed). */
  loadTraceRenderers?: () => Promise<JsRenderers>;
  /**
   * Told when push passes (for a client without pull support) become due and when they are all
   * done: a host that reads what the server sends (tests, in this process) knows then that
   * everything an edit changed has been sent, without waiting a guessed time.
   */
  pushActivity?: PushActivity;
}

/**
 * What every handler shares. Handlers stay thin: the editor features are the language service's
 * (service/), the deploy flows the commands' (commands/).
 */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The editor features and the workspace model; the commands run on its projects (`service.state`). */
  service: SlipwayLanguageService;
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
  /** Commands under way: a shutdown cancels them and waits, so no deploy is left half-logged. */
  running: Map<{ cancel(reason: string): void }, Promise<unknown>>;
  host: ServerHost;
}

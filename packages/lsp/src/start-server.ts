import {
  CodeActionKind,
  type Connection,
  createConnection,
  type InitializeParams,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { gracefulStdin } from './graceful-stdin.js';
import { cancelRunning, commandNames, registerCommands } from './commands/register-commands.js';
import type { ServerContext, ServerHost } from './context.js';
import { registerDiagnostics } from './handlers/diagnostics-handler.js';
import { DiagnosticsPusher } from './diagnostics-push.js';
import { registerLanguageHandlers } from './handlers/language-handlers.js';
import { refreshDiagnostics } from './handlers/refresh-diagnostics.js';
import { statusSink } from './handlers/status-sink.js';
import { registerWatchers, registerWorkspaceHandlers } from './handlers/workspace-handlers.js';
import type { InitializationOptions } from './protocol/index.js';
import { COMPLETION_TRIGGERS } from './service/completion.js';
import { createSlipwayLanguageService } from './service/language-service.js';
import { startupMark } from './startup-trace.js';
import { UNTRUSTED_BY_DEFAULT } from './untrusted-by-default.js';

declare const __SLIPWAY_VERSION__: string;
const VERSION = typeof __SLIPWAY_VERSION__ === 'string' ? __SLIPWAY_VERSION__ : '0.0.0-dev';

/** Transports the library opens itself; stdio (named or not) is opened here, see gracefulStdin. */
const LIBRARY_TRANSPORTS = ['--node-ipc', '--socket', '--pipe'];

/**
 * A transport the program running the server opened itself: the server then shares that
 * program's process (tests run it in theirs, on a database they keep open between traces).
 * Message reader and writer, not streams: the library exits the process when an input stream
 * ends, and on the `exit` notification, which such a client therefore never sends.
 */
export interface ServerTransport {
  reader: MessageReader;
  writer: MessageWriter;
}

/**
 * Starts the Slipway language server on the transport named on the command line (`--stdio`,
 * `--node-ipc`, `--socket=N`); with none, stdio; or on `transport` when one is given. Used by
 * `server.mjs` and `slipway lsp` (which passes its database clients in `host`).
 */
export function startServer(host: ServerHost = {}, transport?: ServerTransport): Connection {
  let ctx: ServerContext | undefined;
  let watch = false;
  /** The client said nothing about trust: Restricted Mode, and the user is told so once. */
  let unsaidTrust = false;
  // After `shutdown` the client expects nothing more: what work still under way would log (a
  // registration or refresh it no longer answers) is dropped, not sent to a connection that may
  // be gone (in a host's own process that send threw, an unhandled rejection).
  let shutDown = false;
  const named = process.argv.some((a) => LIBRARY_TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)));
  const connection = transport
    ? createConnection(ProposedFeatures.all, transport.reader, transport.writer)
    : named
      ? createConnection(ProposedFeatures.all)
      : createConnection(
          ProposedFeatures.all,
          gracefulStdin(process.stdin, async () => {
            if (ctx) await cancelRunning(ctx);
          }),
          process.stdout,
        );
  // stdout is the protocol: a stray console.log from a dependency must not corrupt it.
  if (!named && !transport) routeConsoleToLog(connection);
  silentAfterShutdown(connection, () => shutDown);
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    startupMark('server initialize received');
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    // Only an explicit "trusted" runs git, commands and fetches: a client that says nothing about
    // trust (any editor but VS Code, unless its user set it up) may be opening a clone it has never
    // looked at, so it gets Restricted Mode, and is told once how to trust (untrustedByDefault).
    const restricted = options.workspaceTrusted !== true;
    unsaidTrust = options.workspaceTrusted === undefined;
    const canRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
    const configuration = caps.workspace?.configuration === true;
    const refresh = () => {
      if (ctx) refreshDiagnostics(ctx);
    };
    const service = createSlipwayLanguageService({
      documents,
      ...(configuration
        ? {
            fetchSettings: (scopeUri) =>
              connection.workspace.getConfiguration({ scopeUri, section: 'slipway' }),
          }
        : {}),
      status: statusSink(connection),
      refresh,
      restricted,
      ...(typeof options.ruleDocs === 'string' ? { ruleDocs: options.ruleDocs } : {}),
      crossFileRefresh: canRefresh,
      version: VERSION,
    });
    ctx = {
      connection,
      documents,
      service,
      canRefresh,
      canRefreshLenses: caps.workspace?.codeLens?.refreshSupport === true,
      restricted,
      workDoneProgress: caps.window?.workDoneProgress === true,
      running: new Map(),
      host,
    };
    if (restricted)
      connection.console.info(
        'Restricted Mode: file-level findings on open files; no git, no commands, no `extends:` base fetched',
      );
    if (caps.textDocument?.diagnostic === undefined) {
      // Older clients (eglot, lsp-mode, Sublime LSP, Neovim < 0.10) only show pushed diagnostics.
      ctx.push = new DiagnosticsPusher(
        connection,
        documents,
        (uri) => service.doValidation(uri),
        () => service.doWorkspaceValidation(),
        host.pushActivity,
      );
    }
    watch = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    for (const uri of folders) void service.addFolder(uri);
    // The hovers of a trace a terminal saved re-render Knex calls with the host's renderers.
    host
      .loadTraceRenderers?.()
      .then((r) => {
        service.state.traces.renderers ??= r;
      })
      .catch(() => {});
    registerDiagnostics(ctx);
    registerLanguageHandlers(ctx);
    registerWorkspaceHandlers(ctx);
    registerCommands(ctx);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        documentSymbolProvider: true,
        definitionProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        diagnosticProvider: {
          identifier: 'slipway',
          interFileDependencies: true,
          workspaceDiagnostics: true,
        },
        executeCommandProvider: { commands: commandNames() },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'slipway', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (!ctx) return;
    // A notification (window/showMessage): showInformationMessage would be a request, which
    // clients show as a question to answer.
    if (unsaidTrust)
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Info,
        message: UNTRUSTED_BY_DEFAULT,
      });
    const server = ctx;
    const { service } = server;
    const canWatchFolders = connection.workspace !== undefined;
    if (canWatchFolders) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
          for (const f of removed) service.removeFolder(f.uri);
          for (const f of added) void service.addFolder(f.uri);
        });
      } catch {
        // The client does not send folder changes: the folders from initialize stay.
      }
    }
    // A push-only client learns of findings in files nobody opened only from a pass.
    server.push?.schedule();
    // Without client-side watching, a commit made in a terminal would never reach the findings.
    if (!watch) service.watchGitStateOnDisk();
    await registerWatchers(server, watch, server.service.state.settings.supported).catch((err: Error) => {
      connection.console.warn(`could not register file watchers: ${err.message}`);
    });
  });

  connection.onShutdown(async () => {
    shutDown = true;
    // Flows under way log their end first; then the projects let go of their watchers.
    if (ctx) await cancelRunning(ctx);
    ctx?.push?.dispose();
    ctx?.service.dispose();
  });
  documents.listen(connection);
  connection.listen();
  return connection;
}

/** What the library does for `--stdio` when it opens stdio itself: console output goes to the log. */
function routeConsoleToLog(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(text(args));
  console.info = (...args: unknown[]) => connection.console.info(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
}

/** The connection's log methods send nothing once `isShutDown()` (see `shutDown` above). */
function silentAfterShutdown(connection: Connection, isShutDown: () => boolean): void {
  const console = connection.console;
  for (const level of ['error', 'warn', 'info', 'log'] as const) {
    const send = console[level].bind(console);
    console[level] = (message: string) => {
      if (!isShutDown()) send(message);
    };
  }
}

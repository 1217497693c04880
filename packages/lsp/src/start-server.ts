import {
  CodeActionKind,
  type Connection,
  createConnection,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { gracefulStdin } from './graceful-stdin.js';
import { PolicyTestRuns } from './features/policy-tests.js';
import { GuardFindings } from './commands/guard-findings.js';
import { cancelRunning, commandNames, registerCommands } from './commands/register-commands.js';
import { refreshDiagnostics, type ServerContext, type ServerHost } from './context.js';
import { COMPLETION_TRIGGERS, registerCompletion } from './handlers/completion-handler.js';
import { CrossFileRefresh } from './handlers/cross-file-refresh.js';
import {
  documentDiagnostics,
  registerDiagnostics,
  workspaceDiagnostics,
} from './handlers/diagnostics-handler.js';
import { DiagnosticsPusher } from './handlers/diagnostics-push.js';
import { registerLanguageHandlers } from './handlers/language-handlers.js';
import { registerNavigation } from './handlers/navigation-handlers.js';
import { SettingsStore } from './handlers/settings-store.js';
import { StatusReporter } from './handlers/status-reporter.js';
import { registerWatchers, registerWorkspaceHandlers } from './handlers/workspace-handlers.js';
import type { InitializationOptions } from './protocol/index.js';
import { Projects } from './workspace/projects.js';
import { SavedTraces } from './workspace/saved-traces.js';

declare const __SLIPWAY_VERSION__: string;
const VERSION = typeof __SLIPWAY_VERSION__ === 'string' ? __SLIPWAY_VERSION__ : '0.0.0-dev';

/** Transports the library opens itself; stdio (named or not) is opened here, see gracefulStdin. */
const LIBRARY_TRANSPORTS = ['--node-ipc', '--socket', '--pipe'];

/**
 * Starts the Slipway language server on the transport named on the command line (`--stdio`,
 * `--node-ipc`, `--socket=N`); with none, stdio. Used by `server.mjs` and `slipway lsp` (which
 * passes its database clients in `host`).
 */
export function startServer(host: ServerHost = {}): Connection {
  let projects: Projects | undefined;
  let ctx: ServerContext | undefined;
  let watch = false;
  const named = process.argv.some((a) => LIBRARY_TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)));
  const connection = named
    ? createConnection(ProposedFeatures.all)
    : createConnection(
        ProposedFeatures.all,
        gracefulStdin(process.stdin, async () => {
          if (ctx) await cancelRunning(ctx);
        }),
        process.stdout,
      );
  // stdout is the protocol: a stray console.log from a dependency must not corrupt it.
  if (!named) routeConsoleToLog(connection);
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    // Only an explicit "not trusted" restricts: clients that never heard of trust get everything.
    const restricted = options.workspaceTrusted === false;
    // Info, not log: editors show info lines in the output by default, and these are few.
    const opened = new Projects(documents, (line) => connection.console.info(line), restricted);
    projects = opened;
    const guard = new GuardFindings();
    ctx = {
      connection,
      documents,
      projects,
      settings: new SettingsStore(connection, caps.workspace?.configuration === true),
      status: new StatusReporter(
        connection,
        restricted,
        (root) => guard.summary(root),
        (project) => opened.nestedBelow(project),
      ),
      ruleDocs: typeof options.ruleDocs === 'string' ? options.ruleDocs : undefined,
      canRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
      canRefreshLenses: caps.workspace?.codeLens?.refreshSupport === true,
      restricted,
      workDoneProgress: caps.window?.workDoneProgress === true,
      guard,
      policyTests: new PolicyTestRuns(),
      running: new Map(),
      host,
      traces: new SavedTraces(),
    };
    if (restricted)
      connection.console.info('Restricted Mode: file-level findings on open files; no git or commands');
    if (ctx.canRefresh) {
      const server = ctx;
      ctx.crossFile = new CrossFileRefresh(() => refreshDiagnostics(server));
    }
    if (caps.textDocument?.diagnostic === undefined) {
      // Older clients (eglot, lsp-mode, Sublime LSP, Neovim < 0.10) only show pushed diagnostics.
      const server = ctx;
      server.push = new DiagnosticsPusher(
        connection,
        documents,
        (uri) => documentDiagnostics(server, uri),
        () => workspaceDiagnostics(server),
      );
    }
    watch = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    for (const uri of folders) void projects.addFolder(uri);
    registerDiagnostics(ctx);
    registerLanguageHandlers(ctx);
    registerCompletion(ctx);
    registerNavigation(ctx, VERSION);
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
    if (!ctx || !projects) return;
    const server = ctx;
    const folderProjects = projects;
    const canWatchFolders = connection.workspace !== undefined;
    if (canWatchFolders) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
          for (const f of removed) folderProjects.removeFolder(f.uri);
          for (const f of added) void folderProjects.addFolder(f.uri);
        });
      } catch {
        // The client does not send folder changes: the folders from initialize stay.
      }
    }
    // A push-only client learns of findings in files nobody opened only from a pass.
    server.push?.schedule();
    // Without client-side watching, a commit made in a terminal would never reach the findings.
    if (!watch) folderProjects.watchGitStateOnDisk(() => refreshDiagnostics(server));
    await registerWatchers(server, watch, server.settings.supported).catch((err: Error) => {
      connection.console.warn(`could not register file watchers: ${err.message}`);
    });
  });

  connection.onShutdown(async () => {
    // Flows under way log their end first; then the projects let go of their watchers.
    if (ctx) await cancelRunning(ctx);
    projects?.dispose();
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

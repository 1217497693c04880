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
import { refreshDiagnostics, type ServerContext } from './context.js';
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
import {
  REVALIDATE_COMMAND,
  registerWatchers,
  registerWorkspaceHandlers,
} from './handlers/workspace-handlers.js';
import { Projects } from './workspace/projects.js';

declare const __SLIPWAY_VERSION__: string;
const VERSION = typeof __SLIPWAY_VERSION__ === 'string' ? __SLIPWAY_VERSION__ : '0.0.0-dev';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];

/** Options the client may pass in `initializationOptions`. */
interface InitOptions {
  /** Link for each rule id, `{id}` replaced, shown as the diagnostic's code link. */
  ruleDocs?: string;
}

/**
 * Starts the Slipway language server on the transport named on the command line (`--stdio`,
 * `--node-ipc`, `--socket=N`); with none, stdio. Used by `server.mjs` and `slipway lsp`.
 */
export function startServer(): Connection {
  const named = process.argv.some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)));
  const connection = named
    ? createConnection(ProposedFeatures.all)
    : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  // Info, not log: editors show info lines in the output by default, and these are few.
  const projects = new Projects(documents, (line) => connection.console.info(line));
  let ctx: ServerContext | undefined;
  let watch = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitOptions;
    ctx = {
      connection,
      documents,
      projects,
      settings: new SettingsStore(connection, caps.workspace?.configuration === true),
      status: new StatusReporter(connection),
      ruleDocs: typeof options.ruleDocs === 'string' ? options.ruleDocs : undefined,
      canRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
    };
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
        executeCommandProvider: { commands: [REVALIDATE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'slipway', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (!ctx) return;
    const server = ctx;
    const canWatchFolders = connection.workspace !== undefined;
    if (canWatchFolders) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
          for (const f of removed) projects.removeFolder(f.uri);
          for (const f of added) void projects.addFolder(f.uri);
        });
      } catch {
        // The client does not send folder changes: the folders from initialize stay.
      }
    }
    // A push-only client learns of findings in files nobody opened only from a pass.
    server.push?.schedule();
    // Without client-side watching, a commit made in a terminal would never reach the findings.
    if (!watch) projects.watchGitStateOnDisk(() => refreshDiagnostics(server));
    await registerWatchers(server, watch, server.settings.supported).catch((err: Error) => {
      connection.console.warn(`could not register file watchers: ${err.message}`);
    });
  });

  connection.onShutdown(() => projects.dispose());
  documents.listen(connection);
  connection.listen();
  return connection;
}

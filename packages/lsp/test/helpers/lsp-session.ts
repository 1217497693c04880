// Over 300 lines: one class, the client side of every request the language-server tests make;
// its methods share the connection, each document's version and the waiters for notifications.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionRequest,
  createProtocolConnection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  type FileChangeType,
  type Hover,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type Range,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceDiagnosticRequest,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { EXPLAIN_REQUEST, type ExplainParams } from '../../src/protocol/index.js';

export const SERVER = fileURLToPath(new URL('../../dist/server.mjs', import.meta.url));
export const CLI = fileURLToPath(new URL('../../../cli/dist/slipway.mjs', import.meta.url));

export interface SessionOptions {
  /** `slipway` settings the client answers `workspace/configuration` with. */
  settings?: Record<string, unknown>;
  /** Command line; default: the bundled server with --stdio. */
  command?: string[];
  initializationOptions?: Record<string, unknown>;
  /**
   * What the client says about workspace trust (`workspaceTrusted` in initializationOptions,
   * unless those set it themselves). Default true: these tests run git and commands on
   * repositories they made, and say so here, once. 'unsaid': nothing, as an editor whose user
   * did not set it up (the server is then in Restricted Mode).
   */
  trusted?: boolean | 'unsaid';
  /**
   * Declare `textDocument.diagnostic` (pull diagnostics, LSP 3.17) in initialize; default true.
   * False: a client like eglot or Sublime LSP that only shows pushed diagnostics.
   */
  pullDiagnostics?: boolean;
  /** Added to the server's environment (the variables a policy's deploy commands read). */
  env?: Record<string, string>;
  /** Declare `didChangeWatchedFiles` dynamic registration; default true. False: a client that cannot watch files. */
  watchFiles?: boolean;
  /** More workspace folders (absolute directories) after the session's root: a multi-root workspace. */
  moreFolders?: string[];
}

/**
 * A plain LSP client driving the real, bundled server over stdio, the way an editor does:
 * it answers configuration and registration requests and records refreshes and messages.
 */
export class LspSession {
  readonly refreshes: number[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  readonly messages: string[] = [];
  readonly logs: string[] = [];
  readonly statuses: { root: string; kind: string; message: string }[] = [];
  /** Every `textDocument/publishDiagnostics` the server sent, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  settings: Record<string, unknown>;
  stderr = '';
  /** Set when the server process ended: tests print it instead of "connection closed". */
  exited: string | undefined;
  private died: Promise<never> = new Promise(() => {});
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];
  /** A push pass is due or running (servers in this process only: `pushActivity`). */
  private pushBusy = false;

  private constructor(
    readonly root: string,
    /** The server's process; undefined for a server in this process (`connect`). */
    private readonly child: ChildProcess | undefined,
    readonly connection: ProtocolConnection,
    options: SessionOptions,
    /** Ends a server in this process: its connection (it has no process to kill). */
    private readonly endInProcess?: () => void,
  ) {
    this.settings = options.settings ?? {};
    child?.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
  }

  static async start(root: string, options: SessionOptions = {}): Promise<LspSession> {
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run node scripts/build.mjs`);
    const [cmd, ...args] = options.command ?? [process.execPath, SERVER, '--stdio'];
    // vitest puts pnpm's hoisted store on NODE_PATH; an editor does not, and neither do we.
    const env = { ...process.env, ...options.env };
    delete env.NODE_PATH;
    const child = spawn(cmd as string, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    const session = new LspSession(root, child, connection, options);
    // A server that dies must fail the test at once, with its own words, not time it out.
    const died = new Promise<never>((_, reject) => {
      child.on('exit', (code) => {
        session.exited = `server exited (${code}): ${session.stderr}`;
        reject(new Error(session.exited));
      });
    });
    died.catch(() => {});
    session.died = died;
    await session.initialize(options, process.pid);
    return session;
  }

  /**
   * A client of a server running in this process on `connection`'s other end (see
   * in-process-server.ts); `end` disposes the server's connection when the session stops.
   */
  static async connect(
    root: string,
    connection: ProtocolConnection,
    options: SessionOptions,
    end: () => void,
  ): Promise<LspSession> {
    const session = new LspSession(root, undefined, connection, options, end);
    // No process id: the library would poll it for as long as this process lives.
    await session.initialize(options, null);
    return session;
  }

  private async initialize(options: SessionOptions, processId: number | null): Promise<void> {
    const connection = this.connection;
    this.listen();
    connection.listen();
    this.initializeResult = await Promise.race([
      this.died,
      connection.sendRequest(InitializeRequest.type, {
        processId,
        rootUri: this.uri(''),
        workspaceFolders: [
          { uri: this.uri(''), name: 'repo' },
          ...(options.moreFolders ?? []).map((dir, i) => ({
            uri: pathToFileURL(dir).href,
            name: `folder${i + 2}`,
          })),
        ],
        initializationOptions: {
          ...(options.trusted === 'unsaid' ? {} : { workspaceTrusted: options.trusted ?? true }),
          ...(options.initializationOptions ?? { ruleDocs: 'https://docs.example/rules/{id}' }),
        },
        capabilities: {
          // Progress the server creates shows as in Neovim or Helix (commands report steps on it).
          window: { workDoneProgress: true },
          workspace: {
            configuration: true,
            workspaceFolders: true,
            diagnostics: { refreshSupport: true },
            didChangeWatchedFiles: { dynamicRegistration: options.watchFiles !== false },
            didChangeConfiguration: { dynamicRegistration: true },
          },
          textDocument: {
            ...(options.pullDiagnostics === false
              ? { publishDiagnostics: { relatedInformation: true, versionSupport: true } }
              : { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }),
            hover: { contentFormat: ['markdown', 'plaintext'] },
            codeAction: { isPreferredSupport: true },
          },
        },
      }),
    ]);
    await connection.sendNotification(InitializedNotification.type, {});
  }

  private listen(): void {
    const c = this.connection;
    c.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(...params.items);
      return params.items.map(() => this.settings);
    });
    c.onRequest(
      'client/registerCapability',
      (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        this.registrations.push(...params.registrations);
        this.notify();
        return null;
      },
    );
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes.push(Date.now());
      this.notify();
      return null;
    });
    c.onNotification('window/showMessage', (p: { message: string }) => {
      this.messages.push(p.message);
      this.notify();
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.notify();
    });
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.notify();
    });
    c.onNotification('slipway/status', (p: { root: string; kind: string; message: string }) => {
      this.statuses.push(p);
      this.notify();
    });
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The in-process server's push passes became due (true) or all ended (false). */
  pushActivity(busy: boolean): void {
    this.pushBusy = busy;
    this.notify();
  }

  /**
   * Resolves once the in-process server has no push pass due or running, and every message it
   * sent before has been read here (a request's answer comes after them on the same stream, and
   * the server reads that request after every event sent before it): nothing more is coming for
   * the events sent so far.
   */
  async pushesDone(): Promise<void> {
    if (this.child) throw new Error('only a server in this process tells when its pushes are done');
    // An event the server read only after the check made a pass due: wait for that one too.
    do {
      await this.waitFor(() => !this.pushBusy);
      await this.request(EXPLAIN_REQUEST, { rule: 'MIG001' } satisfies ExplainParams);
    } while (this.pushBusy);
  }

  /** Resolves once `condition` holds; re-checked on every message from the server. */
  async waitFor(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /**
   * Resolves with the first diagnostics published for `path` from index `since` of `published`
   * on (take `published.length` before the action) that satisfy `accept`.
   */
  async nextPublished(
    path: string,
    since: number,
    accept: (diagnostics: Diagnostic[]) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    const uri = this.uri(path);
    let seen = since;
    let found: PublishDiagnosticsParams | undefined;
    await this.waitFor(() => {
      for (; seen < this.published.length && !found; seen++) {
        const p = this.published[seen];
        if (p && p.uri === uri && accept(p.diagnostics)) found = p;
      }
      return found !== undefined;
    });
    return found as PublishDiagnosticsParams;
  }

  /** The URI of a path relative to the session's root, or of an absolute path (another folder). */
  uri(path: string): string {
    return pathToFileURL(path.startsWith('/') ? path : join(this.root, path)).href;
  }

  async open(path: string, text: string, languageId = 'plaintext'): Promise<void> {
    this.versions.set(path, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: this.uri(path), languageId, version: 1, text },
    });
  }

  async change(path: string, text: string): Promise<void> {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri(path), version },
      contentChanges: [{ text }],
    });
  }

  /** An incremental edit, as editors send a keystroke: `text` replaces `range`. */
  async edit(path: string, range: Range, text: string): Promise<void> {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri(path), version },
      contentChanges: [{ range, text }],
    });
  }

  async close(path: string): Promise<void> {
    this.versions.delete(path);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri: this.uri(path) },
    });
  }

  async pull(path: string): Promise<Diagnostic[]> {
    const report = (await this.request(DocumentDiagnosticRequest.method, {
      textDocument: { uri: this.uri(path) },
    })) as DocumentDiagnosticReport;
    if (report.kind !== 'full') throw new Error(`expected a full report for ${path}`);
    return report.items;
  }

  pullWorkspace(
    previousResultIds: { uri: string; value: string }[] = [],
  ): Promise<WorkspaceDiagnosticReport> {
    return this.request(WorkspaceDiagnosticRequest.method, {
      previousResultIds,
    }) as Promise<WorkspaceDiagnosticReport>;
  }

  hover(path: string, line: number, character: number): Promise<Hover | null> {
    return this.request(HoverRequest.method, {
      textDocument: { uri: this.uri(path) },
      position: { line, character },
    }) as Promise<Hover | null>;
  }

  async codeActions(path: string, range: Range, diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
    const result = await this.request(CodeActionRequest.method, {
      textDocument: { uri: this.uri(path) },
      range,
      context: { diagnostics },
    });
    return (result as CodeAction[] | null) ?? [];
  }

  async watched(changes: { path: string; type: FileChangeType }[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: changes.map((c) => ({ uri: this.uri(c.path), type: c.type })),
    });
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    return this.request(ExecuteCommandRequest.method, { command, arguments: args });
  }

  /** Sends a request; fails at once, with the server's stderr, if the server died meanwhile. */
  request(method: string, params: unknown): Promise<unknown> {
    return Promise.race([this.died, this.connection.sendRequest(method, params)]);
  }

  /**
   * The editor vanishes without `shutdown` (it crashed or was killed): its end of the server's
   * stdin closes. Resolves with the server's exit code once it has exited.
   */
  async closeInput(): Promise<number | null> {
    if (!this.child) throw new Error('a server in this process has no input of its own to close');
    const child = this.child;
    const exited = new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });
    child.stdin?.end();
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      // The library ends the process on `exit`: in this process, that would be the tests'.
      if (this.child) await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.endInProcess?.();
      if (this.child && this.child.exitCode === null) this.child.kill();
    }
  }
}

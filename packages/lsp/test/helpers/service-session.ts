import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeAction,
  CodeActionContext,
  Diagnostic,
  DocumentDiagnosticReport,
  FileChangeType,
  Hover,
  Position,
  Range,
  WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentReport, workspaceReport } from '../../src/handlers/diagnostic-reports.js';
import { SERVER_COMMANDS, type StatusParams } from '../../src/protocol/index.js';
import {
  createSlipwayLanguageService,
  type SlipwayLanguageService,
} from '../../src/service/language-service.js';

export interface ServiceSessionOptions {
  /** `slipway` settings answered for every scope; read again after `configurationChanged`. */
  settings?: Record<string, unknown>;
  /** `ruleDocs` and `workspaceTrusted`, as a client's initializationOptions say them. */
  initializationOptions?: { ruleDocs?: string; workspaceTrusted?: boolean };
  /** False: a client that cannot watch files (the service watches git's state itself). */
  watchFiles?: boolean;
  /** More workspace folders (absolute directories) after the session's root: a multi-root workspace. */
  moreFolders?: string[];
}

const FILE_CHANGE = { 1: 'created', 2: 'changed', 3: 'deleted' } as const;

/**
 * The language service in-process, over a folder of real files (and real git where the test
 * made one), driven as the server's handlers drive it: the same calls in the same order, with
 * the method names of `LspSession` so that a test reads the same either way. What only the
 * protocol does (push, commands other than revalidate, registrations) stays in the stdio tests.
 */
export class ServiceSession {
  readonly refreshes: number[] = [];
  /** When the service compared the other files' findings after edits (it asks for a refresh first, if any). */
  readonly comparisons: number[] = [];
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  readonly messages: string[] = [];
  readonly logs: string[] = [];
  readonly statuses: StatusParams[] = [];
  settings: Record<string, unknown>;
  readonly service: SlipwayLanguageService;
  private readonly docs = new Map<string, TextDocument>();
  private readonly waiters: (() => void)[] = [];

  private constructor(
    readonly root: string,
    options: ServiceSessionOptions,
  ) {
    this.settings = options.settings ?? {};
    const init = options.initializationOptions ?? { ruleDocs: 'https://docs.example/rules/{id}' };
    const docs = this.docs;
    this.service = createSlipwayLanguageService({
      documents: { get: (uri) => docs.get(uri), all: () => [...docs.values()] },
      fetchSettings: async (scopeUri) => {
        this.configurationRequests.push({ scopeUri, section: 'slipway' });
        return this.settings;
      },
      status: {
        log: (line) => this.record(this.logs, line),
        status: (params) => this.record(this.statuses, params),
        warn: (message) => this.record(this.messages, message),
      },
      refresh: () => this.record(this.refreshes, Date.now()),
      restricted: init.workspaceTrusted === false,
      ...(init.ruleDocs === undefined ? {} : { ruleDocs: init.ruleDocs }),
      crossFileRefresh: true,
      crossFileCompared: () => this.record(this.comparisons, Date.now()),
      version: '0.0.0-test',
    });
  }

  static async start(root: string, options: ServiceSessionOptions = {}): Promise<ServiceSession> {
    const session = new ServiceSession(root, options);
    const folders = [root, ...(options.moreFolders ?? [])];
    await Promise.all(folders.map((dir) => session.service.addFolder(pathToFileURL(dir).href)));
    if (options.watchFiles === false) session.service.watchGitStateOnDisk();
    return session;
  }

  private record<T>(list: T[], item: T): void {
    list.push(item);
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves once `condition` holds; re-checked on every status, log line, message and refresh. */
  async waitFor(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** The URI of a path relative to the session's root, or of an absolute path (another folder). */
  uri(path: string): string {
    return pathToFileURL(path.startsWith('/') ? path : join(this.root, path)).href;
  }

  /** As `TextDocuments` does on didOpen: the open event, then the content event, in one turn. */
  async open(path: string, text: string, languageId = 'plaintext'): Promise<void> {
    const uri = this.uri(path);
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    const opened = this.service.documentOpened(uri);
    this.service.documentChanged(uri);
    await opened;
  }

  async change(path: string, text: string): Promise<void> {
    this.update(path, [{ text }]);
  }

  /** An incremental edit, as editors send a keystroke: `text` replaces `range`. */
  async edit(path: string, range: Range, text: string): Promise<void> {
    this.update(path, [{ range, text }]);
  }

  private update(path: string, changes: ({ text: string } | { range: Range; text: string })[]): void {
    const uri = this.uri(path);
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${path} is not open`);
    this.docs.set(uri, TextDocument.update(doc, changes, doc.version + 1));
    this.service.documentChanged(uri);
  }

  async close(path: string): Promise<void> {
    const uri = this.uri(path);
    this.docs.delete(uri);
    this.service.documentClosed(uri);
  }

  /** A document pull's answer, as the server's handler gives it. */
  async pullReport(path: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return documentReport(await this.service.doValidation(this.uri(path)), previousResultId);
  }

  async pull(path: string): Promise<Diagnostic[]> {
    const report = await this.pullReport(path);
    if (report.kind !== 'full') throw new Error(`expected a full report for ${path}`);
    return report.items;
  }

  async pullWorkspace(
    previousResultIds: { uri: string; value: string }[] = [],
  ): Promise<WorkspaceDiagnosticReport> {
    return workspaceReport(
      await this.service.doWorkspaceValidation(),
      previousResultIds,
      (uri) => this.docs.get(uri)?.version,
    );
  }

  hover(path: string, line: number, character: number): Promise<Hover | null> {
    return this.service.doHover(this.uri(path), { line, character });
  }

  codeActions(
    path: string,
    range: Range,
    diagnostics: Diagnostic[] = [],
    only?: string[],
  ): Promise<CodeAction[]> {
    const context: CodeActionContext = { diagnostics, ...(only ? { only } : {}) };
    return this.service.getCodeActions(this.uri(path), range, context);
  }

  completion(path: string, position: Position) {
    return this.service.doComplete(this.uri(path), position);
  }

  definition(path: string, position: Position) {
    return this.service.findDefinition(this.uri(path), position);
  }

  codeLenses(path: string) {
    return this.service.getCodeLenses(this.uri(path));
  }

  documentSymbols(path: string) {
    return this.service.findDocumentSymbols(this.uri(path));
  }

  explain(rule: string): string | null {
    return this.service.explainRule(rule);
  }

  /** Watched-file events, handled before this resolves (the server takes them in order too). */
  async watched(changes: { path: string; type: FileChangeType }[]): Promise<void> {
    await this.service.filesChanged(
      changes.map((c) => ({ uri: this.uri(c.path), kind: FILE_CHANGE[c.type as 1 | 2 | 3] ?? 'changed' })),
    );
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    this.service.configurationChanged();
  }

  /** `slipway.server.revalidate`, the one command that is the service's; the others run over stdio. */
  async executeCommand(command: string): Promise<null> {
    if (command !== SERVER_COMMANDS.revalidate) throw new Error(`${command} runs over stdio (LspSession)`);
    this.service.revalidate();
    return null;
  }

  async stop(): Promise<void> {
    this.service.dispose();
  }
}

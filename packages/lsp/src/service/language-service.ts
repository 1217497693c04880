import type {
  CodeAction,
  CodeActionContext,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
} from 'vscode-languageserver/node';
import { findRule } from '@slipway/policy-core';
import { PolicyTestRuns } from '../features/policy-tests.js';
import { rulePage } from '../features/rule-hover.js';
import { Projects } from '../workspace/projects.js';
import { SavedTraces } from '../workspace/saved-traces.js';
import { getCodeActions } from './code-actions.js';
import { doComplete } from './completion.js';
import { CrossFileRefresh } from './cross-file-refresh.js';
import { DiskEventQueue } from './disk-event-queue.js';
import { GuardFindings } from './guard-findings.js';
import { doHover } from './hover.js';
import { findDefinition, findDocumentSymbols, getCodeLenses } from './navigation.js';
import type { SlipwayServiceHost } from './service-host.js';
import type { ServiceState } from './service-state.js';
import { SettingsStore } from './settings-store.js';
import { StatusReporter } from './status-reporter.js';
import { doValidation, type WorkspaceDiagnostics, workspaceDiagnostics } from './validation.js';
import {
  type DiskChange,
  documentChanged,
  documentClosed,
  documentOpened,
  filesChanged,
} from './workspace-events.js';

/**
 * Slipway's editor features over a workspace model, with no protocol connection: the LSP
 * handlers are thin calls into it, and tests call it in-process (after yaml-language-server's
 * `getLanguageService`). Every URI is a `file:` URI of a workspace folder or a file in one.
 */
export interface SlipwayLanguageService {
  /** The workspace model: the commands (deploy, trace, init) run on its projects. */
  readonly state: ServiceState;
  /** A workspace folder opened (once per URI); resolves when its projects are known. */
  addFolder(uri: string): Promise<void>;
  removeFolder(uri: string): void;

  /** Events: what each one invalidates. `documentChanged` is false for a buffer git ignores. */
  documentOpened(uri: string): Promise<{ heldBack: boolean } | undefined>;
  documentChanged(uri: string): boolean;
  documentClosed(uri: string): void;
  /** Taken in order; requests made after it wait for it (DiskEventQueue). */
  filesChanged(changes: readonly DiskChange[]): Promise<void>;
  /** The client's settings changed: read them again, and every file's diagnostics with them. */
  configurationChanged(): void;
  /**
   * Forget everything read (settings, the guard's findings, the policy tests' last results, each
   * project's caches) and check
   * again: the `revalidate` command.
   */
  revalidate(): void;
  /** Watches HEAD, the refs and the index from here (for a client that cannot watch files). */
  watchGitStateOnDisk(): void;

  /** A document's diagnostics; undefined outside every project or ignored by git. */
  doValidation(uri: string): Promise<Diagnostic[] | undefined>;
  /** Every file with findings in every project (open or not). */
  doWorkspaceValidation(): Promise<WorkspaceDiagnostics>;
  doHover(uri: string, position: Position): Promise<Hover | null>;
  doComplete(uri: string, position: Position): Promise<CompletionItem[]>;
  getCodeActions(uri: string, range: Range, context: CodeActionContext): Promise<CodeAction[]>;
  getCodeLenses(uri: string): Promise<CodeLens[]>;
  findDocumentSymbols(uri: string): Promise<DocumentSymbol[]>;
  findDefinition(uri: string, position: Position): Promise<Location[]>;
  /** A rule's documentation page as Markdown (any case of its id); null for no such rule. */
  explainRule(id: string): string | null;

  /** Stops the watchers the service started and the comparisons it has not yet made. */
  dispose(): void;
}

export function createSlipwayLanguageService(host: SlipwayServiceHost): SlipwayLanguageService {
  const restricted = host.restricted === true;
  const projects = new Projects(host.documents, (line) => host.status.log(line), restricted);
  const guard = new GuardFindings();
  const state: ServiceState = {
    host,
    projects,
    settings: new SettingsStore(host.fetchSettings),
    guard,
    policyTests: new PolicyTestRuns(!restricted),
    traces: new SavedTraces(),
    status: new StatusReporter(
      host.status,
      restricted,
      (root) => guard.summary(root),
      (project) => projects.nestedBelow(project),
    ),
    ...(host.crossFileRefresh
      ? { crossFile: new CrossFileRefresh(() => host.refresh(), host.crossFileCompared) }
      : {}),
  };
  const disk = new DiskEventQueue();
  /** A request, once the disk events received before it are taken in. */
  const after =
    <A extends unknown[], R>(request: (...args: A) => Promise<R>) =>
    (...args: A) =>
      disk.settled().then(() => request(...args));
  return {
    state,
    addFolder: async (uri) => {
      await projects.addFolder(uri);
    },
    removeFolder: (uri) => projects.removeFolder(uri),
    documentOpened: (uri) => documentOpened(state, uri),
    documentChanged: (uri) => documentChanged(state, uri),
    documentClosed: (uri) => documentClosed(state, uri),
    filesChanged: (changes) => disk.take(() => filesChanged(state, changes)),
    configurationChanged: () => {
      state.settings.changed();
      host.refresh();
    },
    revalidate: () => {
      state.settings.changed();
      guard.clear();
      state.policyTests.forget();
      for (const project of projects.all()) project.reset();
      host.refresh();
    },
    watchGitStateOnDisk: () => projects.watchGitStateOnDisk(() => host.refresh()),
    doValidation: after((uri) => doValidation(state, uri)),
    doWorkspaceValidation: after(() => workspaceDiagnostics(state)),
    doHover: after((uri, position) => doHover(state, uri, position)),
    doComplete: after((uri, position) => doComplete(state, uri, position)),
    getCodeActions: after((uri, range, context) => getCodeActions(state, uri, range, context)),
    getCodeLenses: after((uri) => getCodeLenses(state, uri)),
    findDocumentSymbols: after((uri) => findDocumentSymbols(state, uri)),
    findDefinition: after((uri, position) => findDefinition(state, uri, position)),
    explainRule: (id) => {
      const meta = findRule(id);
      return meta ? rulePage(meta) : null;
    },
    dispose: () => {
      projects.dispose();
      state.crossFile?.dispose();
    },
  };
}

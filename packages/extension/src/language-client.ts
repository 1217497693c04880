import {
  OUTPUT_NOTIFICATION,
  type OutputParams,
  STATUS_NOTIFICATION,
  type StatusParams,
} from '@slipway/lsp/protocol';
import { startupMark } from '@slipway/lsp/startup-trace';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { RULE_SCHEME } from './rule-docs.js';
import type { StatusItem } from './status-item.js';

/**
 * The bundled language server (dist/server.mjs), started in trusted and untrusted workspaces
 * alike: told `workspaceTrusted: false`, it reads open files from disk only and runs no git, no
 * configured command, no network and no database. Granting trust restarts it with everything.
 */
export class SlipwayClient implements vscode.Disposable {
  client: LanguageClient | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /**
   * `slipway.trace.server`'s messages, apart from the Slipway output: a verbose trace there would
   * bury the deploy and guard lines a person opened the output for. One channel for every restart.
   */
  private readonly trace = vscode.window.createOutputChannel('Slipway Language Server Trace', {
    log: true,
  });

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  async start(): Promise<void> {
    if (this.client) return;
    const module = this.context.asAbsolutePath('dist/server.mjs');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // Any file may be read by a rule (requirements, migrations, deploy records, the policy).
      documentSelector: [{ scheme: 'file' }],
      outputChannel: this.output,
      traceOutputChannel: this.trace,
      // A function: read again at every (re)start, so granting trust takes effect on restart.
      initializationOptions: () => ({
        ruleDocs: `${RULE_SCHEME}:/{id}.md`,
        workspaceTrusted: vscode.workspace.isTrusted,
      }),
      diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
    };
    const client = new LanguageClient('slipway', 'Slipway', serverOptions, clientOptions);
    this.client = client;
    this.subscriptions.push(
      client.onDidChangeState(({ newState }) => {
        const state =
          newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped';
        void vscode.commands.executeCommand('setContext', 'slipway.serverRunning', state === 'running');
        this.status.serverState(state);
      }),
      client.onNotification(STATUS_NOTIFICATION, (s: StatusParams) => {
        this.status.update(s);
        if (s.kind === 'no-policy' && !s.nestedPolicies?.length) this.offerPolicy(s.root);
      }),
      // Deploy and smoke output, and each step of a flow, as they happen.
      client.onNotification(OUTPUT_NOTIFICATION, (p: OutputParams) => this.output.info(p.line)),
    );
    try {
      startupMark('extension client.start() called');
      await client.start();
      startupMark('extension client running (server initialized)');
    } catch (err) {
      this.output.error(`the language server did not start: ${(err as Error).message}`);
      this.status.serverState('stopped');
    }
  }

  private readonly offered = new Set<string>();

  /** A folder without a policy: offer to write one, once per folder and session. */
  private offerPolicy(root: string): void {
    if (this.offered.has(root) || !vscode.workspace.isTrusted) return;
    this.offered.add(root);
    const create = 'Create Policy File';
    void vscode.window
      .showInformationMessage(`Slipway: ${root} has no slipway.yaml yet.`, create)
      .then((choice) => choice === create && vscode.commands.executeCommand('slipway.createPolicyFile'));
  }

  async restart(): Promise<void> {
    if (this.client) await this.client.restart();
    else await this.start();
  }

  async stop(): Promise<void> {
    await this.client?.stop();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    void this.client?.stop();
    this.trace.dispose();
  }
}

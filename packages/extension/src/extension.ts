import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { runDeployGuard } from './guard-terminal.js';
import { RULE_SCHEME, RuleDocs } from './rule-docs.js';
import { type ServerStatus, StatusItem } from './status-item.js';

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server (dist/server.mjs) once the workspace is trusted: the server
 * runs git in the folder, which executes repository-configured programs (hooks, fsmonitor).
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Slipway', { log: true });
  const status = new StatusItem();
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand('slipway.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('slipway.restartServer', async () => {
      if (!vscode.workspace.isTrusted)
        return void vscode.window.showWarningMessage('Slipway: trust this workspace first.');
      if (client) await client.restart();
      else await start(context, output, status);
    }),
    vscode.commands.registerCommand('slipway.revalidate', async () => {
      if (!client?.isRunning())
        return void vscode.window.showWarningMessage('Slipway: the language server is not running.');
      await client.sendRequest('workspace/executeCommand', {
        command: 'slipway.server.revalidate',
        arguments: [],
      });
    }),
    vscode.commands.registerCommand('slipway.runDeployGuard', runDeployGuard),
    vscode.commands.registerCommand('slipway.explainRule', async (rule: string) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${RULE_SCHEME}:/${rule}.md`));
      await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
    }),
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, new RuleDocs(() => client)),
  );

  if (vscode.workspace.isTrusted) await start(context, output, status);
  else {
    status.serverState('restricted');
    context.subscriptions.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => start(context, output, status)),
    );
  }
}

async function start(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  status: StatusItem,
): Promise<void> {
  if (client) return;
  const module = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Any file may be read by a rule (requirements, migrations, deploy records, the policy).
    documentSelector: [{ scheme: 'file' }],
    outputChannel: output,
    initializationOptions: { ruleDocs: `${RULE_SCHEME}:/{id}.md` },
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
  };
  client = new LanguageClient('slipway', 'Slipway', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onDidChangeState(({ newState }) =>
      status.serverState(
        newState === State.Running ? 'running' : newState === State.Starting ? 'starting' : 'stopped',
      ),
    ),
    client.onNotification('slipway/status', (s: ServerStatus) => status.update(s)),
    { dispose: () => void client?.stop() },
  );
  try {
    await client.start();
  } catch (err) {
    output.error(`the language server did not start: ${(err as Error).message}`);
    status.serverState('stopped');
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

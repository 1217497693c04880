import * as vscode from 'vscode';
import { createPolicyFile } from './commands/create-policy-file.js';
import { showHistory, HISTORY_SCHEME, HistoryDocs } from './commands/history.js';
import { runPolicyTests } from './commands/policy-tests.js';
import { promote } from './commands/promote.js';
import { rollback } from './commands/rollback.js';
import { runDeployGuard } from './commands/run-guard.js';
import type { Slipway } from './slipway.js';
import { traceMigrationLocks } from './commands/trace-locks.js';
import { stampBaseline, unpin } from './commands/unpin-and-stamp.js';
import { forFolder } from './folder-pick.js';
import { SlipwayClient } from './language-client.js';
import { RULE_SCHEME, RuleDocs } from './rule-docs.js';
import { StatusItem } from './status-item.js';
import { traceStartup } from './startup-trace.js';
import { explainRestricted, trusted } from './trust.js';

let server: SlipwayClient | undefined;

/** A command that acts on one folder; `purpose` heads the folder picker when there are several. */
interface FolderCommand {
  purpose: string;
  run: (slipway: Slipway, folder: vscode.WorkspaceFolder) => Promise<void>;
}

/**
 * Starts the bundled language server in every workspace (in Restricted Mode it only reads open
 * files) and registers the commands. Every deploy command calls the server's
 * `workspace/executeCommand`; nothing runs a `slipway` from PATH.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  traceStartup(context);
  const output = vscode.window.createOutputChannel('Slipway', { log: true });
  const status = new StatusItem();
  server = new SlipwayClient(context, output, status);
  const s = server;
  const slipway: Slipway = { client: () => s.client, output, status };
  const history = new HistoryDocs(slipway);
  context.subscriptions.push(output, status, server);

  // The .vsix test finds each id (registerCommand's literal argument, or a key of needTrust) and
  // matches them with package.json's commands.
  context.subscriptions.push(
    vscode.commands.registerCommand('slipway.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('slipway.restartServer', () => s.restart()),
    vscode.commands.registerCommand('slipway.revalidate', () =>
      s.client?.sendRequest('workspace/executeCommand', {
        command: 'slipway.server.revalidate',
        arguments: [],
      }),
    ),
    vscode.commands.registerCommand('slipway.explainRule', (rule?: string) => explainRule(rule)),
    vscode.commands.registerCommand('slipway.whyRestricted', explainRestricted),
    // No trust needed: the cases run in the server's process, pure, as the lens runs them.
    vscode.commands.registerCommand(
      'slipway.runPolicyTests',
      forFolder('Run policy tests', (folder) => runPolicyTests(slipway, folder)),
    ),
  );
  // These run git and the repository's commands: package.json turns them off in Restricted Mode
  // (enablement), and `trusted` answers a call that gets through anyway.
  const needTrust: Record<string, FolderCommand> = {
    'slipway.runDeployGuard': { purpose: 'Run the deploy guard', run: runDeployGuard },
    'slipway.promote': { purpose: 'Promote', run: promote },
    'slipway.rollback': { purpose: 'Roll back production', run: rollback },
    'slipway.showHistory': {
      purpose: 'Show the deploy history',
      run: (_, folder) => showHistory(history, folder),
    },
    'slipway.unpin': { purpose: 'Unpin production', run: unpin },
    'slipway.stampBaseline': { purpose: 'Stamp the production baseline', run: stampBaseline },
    'slipway.createPolicyFile': { purpose: 'Create a policy file', run: createPolicyFile },
    'slipway.traceLocks': { purpose: 'Trace migration locks', run: traceMigrationLocks },
  };
  for (const [id, { purpose, run }] of Object.entries(needTrust)) {
    const command = forFolder(purpose, (folder) => run(slipway, folder));
    context.subscriptions.push(vscode.commands.registerCommand(id, trusted(command)));
  }
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, new RuleDocs(() => s.client)),
    vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, history),
    // Trust granted: restart the server with git, the change set and the commands.
    vscode.workspace.onDidGrantWorkspaceTrust(() => s.restart()),
  );
  await server.start();
}

async function explainRule(rule?: string): Promise<void> {
  const id =
    rule ??
    (await vscode.window.showInputBox({
      prompt: 'Rule id',
      placeHolder: 'MIG001',
      validateInput: (v) => (/^[A-Za-z]+\d+$/.test(v.trim()) ? undefined : 'A rule id such as MIG001'),
    }));
  if (!id) return;
  const doc = await vscode.workspace.openTextDocument(
    vscode.Uri.parse(`${RULE_SCHEME}:/${id.trim().toUpperCase()}.md`),
  );
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}

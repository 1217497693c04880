import { type PolicyTestsResult, SERVER_COMMANDS } from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { resultOrRefusal } from '../server-call.js';
import type { Slipway } from '../slipway.js';

/**
 * "Run policy tests" from the palette: the same server command as the lens on the policy file
 * (the cases run in the language server, through the pure runner; no CLI). A failing case is a
 * diagnostic at its name, or at `extends:` for a base's; the summary offers the Problems panel.
 */
export async function runPolicyTests(slipway: Slipway, folder: vscode.WorkspaceFolder): Promise<void> {
  const r = await resultOrRefusal<PolicyTestsResult>(slipway, folder, SERVER_COMMANDS.runPolicyTests, {
    what: 'the policy tests',
    title: 'Slipway: running the policy test cases',
  });
  if (!r) return;
  for (const p of r.problems) slipway.output.warn(`${p.file}:${p.line}: ${p.message}`);
  const text = `Slipway: policy tests: ${r.summary}.`;
  if (r.failed === 0 && r.problems.length === 0) return void vscode.window.showInformationMessage(text);
  if ((await vscode.window.showErrorMessage(text, 'Show Problems')) === 'Show Problems')
    await vscode.commands.executeCommand('workbench.actions.view.problems');
}

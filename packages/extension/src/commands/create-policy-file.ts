import { type InitResult, SERVER_COMMANDS } from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { folderArgs } from '../folder-pick.js';
import { callServer, showRefusal } from '../server-call.js';
import type { Slipway } from '../slipway.js';

/** `slipway init` for this folder, run by the server; opens the policy it wrote (or the one there). */
export async function createPolicyFile(slipway: Slipway, folder: vscode.WorkspaceFolder): Promise<void> {
  const answer = await callServer<InitResult>(slipway.client(), SERVER_COMMANDS.init, folderArgs(folder), {
    title: 'Slipway: writing slipway.yaml',
  });
  const path = answer.result?.path;
  if (!answer.ok && answer.refused.code !== 'policy-exists')
    return void showRefusal('Create Policy File', answer.refused);
  if (!path) return;
  await vscode.window.showTextDocument(vscode.Uri.file(path));
  if (answer.ok)
    void vscode.window.showInformationMessage(
      `Slipway: wrote ${vscode.workspace.asRelativePath(path)} from what this repository holds; review it and commit it.`,
    );
  else void vscode.window.showInformationMessage(`Slipway: ${answer.refused.message}; opened it.`);
}

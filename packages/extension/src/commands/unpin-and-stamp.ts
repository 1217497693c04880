import { SERVER_COMMANDS, type UnpinResult, type Wire } from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { folderArgs, pickFolder } from '../folder-pick.js';
import { callServer, showRefusal } from '../server-call.js';
import type { Slipway } from './slipway.js';

/**
 * "Unpin Production…": asks why production may move again, then the server asks for the
 * approval (window/showMessageRequest, "Approve <sha>"), logs UNPIN and clears the pin.
 */
export async function unpin(slipway: Slipway): Promise<void> {
  const folder = await pickFolder('Unpin production');
  if (!folder) return;
  const reason = await vscode.window.showInputBox({
    title: 'Slipway: Unpin Production — reason',
    prompt: 'Why may production move again? It is logged with UNPIN.',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Unpinning needs a reason'),
  });
  if (!reason) return;
  const done = await callServer<Wire<UnpinResult>>(
    slipway.client(),
    SERVER_COMMANDS.unpin,
    { ...folderArgs(folder), reason: reason.trim() },
    { title: 'Slipway: unpinning production', cancellable: true },
  );
  if (!done.ok) return void showRefusal('Unpin Production', done.refused);
  void vscode.window.showInformationMessage(`Slipway: ${done.result.message}`);
}

/**
 * "Stamp Production Baseline…": records what production runs today for a team that deployed
 * before Slipway (the first record). Asks for the SHA (default HEAD) and why.
 */
export async function stampBaseline(slipway: Slipway): Promise<void> {
  const folder = await pickFolder('Stamp the production baseline');
  if (!folder) return;
  const sha = await vscode.window.showInputBox({
    title: 'Slipway: Stamp Production Baseline — commit',
    prompt: 'The commit production runs now (empty: HEAD)',
    ignoreFocusOut: true,
  });
  if (sha === undefined) return;
  const reason = await vscode.window.showInputBox({
    title: 'Slipway: Stamp Production Baseline — reason',
    prompt: 'Why (logged), e.g. "production as deployed before Slipway"',
    ignoreFocusOut: true,
  });
  if (reason === undefined) return;
  const done = await callServer<{ message: string }>(
    slipway.client(),
    SERVER_COMMANDS.stampBaseline,
    {
      ...folderArgs(folder),
      ...(sha.trim() ? { sha: sha.trim() } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    },
    { title: 'Slipway: stamping the production baseline', cancellable: true },
  );
  if (!done.ok) return void showRefusal('Stamp Production Baseline', done.refused);
  void vscode.window.showInformationMessage(`Slipway: ${done.result.message}`);
}

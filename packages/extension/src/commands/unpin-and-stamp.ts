import {
  SERVER_COMMANDS,
  type StampBaselineArgs,
  type StampBaselineResult,
  type UnpinResult,
  type Wire,
} from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { folderArgs, pickFolder } from '../folder-pick.js';
import { askLine } from '../ask-line.js';
import { callServer, showRefusal } from '../server-call.js';
import type { Slipway } from './slipway.js';

/**
 * "Unpin Production…": asks why production may move again, then the server asks for the
 * approval (window/showMessageRequest, "Approve <sha>"), logs UNPIN and clears the pin.
 */
export async function unpin(slipway: Slipway): Promise<void> {
  const folder = await pickFolder('Unpin production');
  if (!folder) return;
  const reason = await askLine(
    'Slipway: Unpin Production — reason',
    'Why may production move again? It is logged with UNPIN.',
    'Unpinning needs a reason',
  );
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
 * "Stamp Production Baseline…": records in a database that it already has the schema of the
 * Alembic baseline (`migrations.baseline`), for a database created before Slipway. A dry run
 * first shows what would happen; a modal confirmation, then the stamp.
 */
export async function stampBaseline(slipway: Slipway): Promise<void> {
  const folder = await pickFolder('Stamp the production baseline');
  if (!folder) return;
  const database = await askLine(
    'Slipway: Stamp Production Baseline — database',
    'A name under migrations.databases',
    'Name a database',
    'prod',
  );
  if (!database) return;
  const args: StampBaselineArgs = { ...folderArgs(folder), database: database.trim() };
  const title = `Slipway: stamping the baseline of ${args.database}`;
  const dry = await callServer<Wire<StampBaselineResult>>(
    slipway.client(),
    SERVER_COMMANDS.stampBaseline,
    { ...args, dryRun: true },
    { title: `${title} (dry run)`, cancellable: true },
  );
  if (!dry.ok) return void showRefusal('Stamp Production Baseline', dry.refused);
  if (dry.result.outcome !== 'stamped')
    return void vscode.window.showInformationMessage(`Slipway: ${dry.result.message}`);
  const go = 'Stamp';
  const ok = await vscode.window.showWarningMessage(
    `Slipway: stamp ${dry.result.baseline ?? 'the baseline'} into ${args.database}?`,
    { modal: true, detail: dry.result.message },
    go,
  );
  if (ok !== go) return;
  const done = await callServer<Wire<StampBaselineResult>>(
    slipway.client(),
    SERVER_COMMANDS.stampBaseline,
    args,
    {
      title,
      cancellable: true,
    },
  );
  if (!done.ok) return void showRefusal('Stamp Production Baseline', done.refused);
  void vscode.window.showInformationMessage(`Slipway: ${done.result.message}`);
}

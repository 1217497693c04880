import {
  SERVER_COMMANDS,
  type StampBaselineArgs,
  type StampBaselineResult,
  type UnpinResult,
  type Wire,
} from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { askLine } from '../ask-line.js';
import { resultOrRefusal } from '../server-call.js';
import type { Slipway } from '../slipway.js';

/**
 * "Unpin Production…": asks why production may move again, then the server asks for the
 * approval (window/showMessageRequest, "Approve <sha>"), logs UNPIN and clears the pin.
 */
export async function unpin(slipway: Slipway, folder: vscode.WorkspaceFolder): Promise<void> {
  const reason = await askLine(
    'Slipway: Unpin Production — reason',
    'Why may production move again? It is logged with UNPIN.',
    'Unpinning needs a reason',
  );
  if (!reason) return;
  const done = await resultOrRefusal<Wire<UnpinResult>>(
    slipway,
    folder,
    SERVER_COMMANDS.unpin,
    { what: 'Unpin Production', title: 'Slipway: unpinning production', cancellable: true },
    { reason: reason.trim() },
  );
  if (done) void vscode.window.showInformationMessage(`Slipway: ${done.message}`);
}

/**
 * "Stamp Production Baseline…": records in a database that it already has the schema of the
 * Alembic baseline (`migrations.baseline`), for a database created before Slipway. A dry run
 * first shows what would happen; a modal confirmation, then the stamp.
 */
export async function stampBaseline(slipway: Slipway, folder: vscode.WorkspaceFolder): Promise<void> {
  const database = await askLine(
    'Slipway: Stamp Production Baseline — database',
    'A name under migrations.databases',
    'Name a database',
    'prod',
  );
  if (!database) return;
  const args: Omit<StampBaselineArgs, 'folder'> = { database: database.trim() };
  const title = `Slipway: stamping the baseline of ${args.database}`;
  const stamp = (dryRun: boolean) =>
    resultOrRefusal<Wire<StampBaselineResult>>(
      slipway,
      folder,
      SERVER_COMMANDS.stampBaseline,
      {
        what: 'Stamp Production Baseline',
        title: dryRun ? `${title} (dry run)` : title,
        cancellable: true,
      },
      dryRun ? { ...args, dryRun } : args,
    );
  const dry = await stamp(true);
  if (!dry) return;
  if (dry.outcome !== 'stamped') return void vscode.window.showInformationMessage(`Slipway: ${dry.message}`);
  const go = 'Stamp';
  const ok = await vscode.window.showWarningMessage(
    `Slipway: stamp ${dry.baseline ?? 'the baseline'} into ${args.database}?`,
    { modal: true, detail: dry.message },
    go,
  );
  if (ok !== go) return;
  const done = await stamp(false);
  if (done) void vscode.window.showInformationMessage(`Slipway: ${done.message}`);
}

import { SERVER_COMMANDS, type TraceArgs, type TraceResult } from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { resultOrRefusal } from '../server-call.js';
import type { Slipway } from '../slipway.js';

/** The active editor's file when it is in `folder`: the server traces it if it is a migration. */
function activeFile(folder: vscode.WorkspaceFolder): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.uri.scheme !== 'file') return undefined;
  return vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.toString() === folder.uri.toString()
    ? doc.uri.toString()
    : undefined;
}

/**
 * "Trace Migration Locks": the language server runs the migrations on an embedded PostgreSQL (no
 * terminal, no CLI on PATH) — the active migration, else those of the change under review — and
 * the hovers on the statements then show the locks each one took.
 */
export async function traceMigrationLocks(slipway: Slipway, folder: vscode.WorkspaceFolder): Promise<void> {
  const file = activeFile(folder);
  const args: Omit<TraceArgs, 'folder'> = file ? { activeFile: file } : {};
  const traced = await resultOrRefusal<TraceResult>(
    slipway,
    folder,
    SERVER_COMMANDS.trace,
    { what: 'the trace', title: 'Slipway: tracing migration locks', cancellable: true },
    args,
  );
  if (!traced) return;
  const { summary, report } = traced;
  for (const n of report.notTraced) slipway.output.info(`${n.file}:${n.line}: not traced: ${n.reason}`);
  for (const e of report.setupErrors)
    slipway.output.warn(
      `${e.file}:${e.line}: earlier migration failed while building the schema: ${e.error}`,
    );
  const text = `Slipway: ${summary}. Rest the cursor on a statement to see the locks it took.`;
  if ((await vscode.window.showInformationMessage(text, 'Show Output')) === 'Show Output')
    slipway.output.show(true);
}

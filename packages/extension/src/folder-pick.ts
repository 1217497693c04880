import * as vscode from 'vscode';

/**
 * The workspace folder a command acts on: the only one, the active editor's, or the one the
 * person picks. Each folder has its own policy, record and status.
 */
export async function pickFolder(purpose: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Slipway: open a folder first (File > Open Folder).');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const current = active && vscode.workspace.getWorkspaceFolder(active);
  return current ?? vscode.window.showWorkspaceFolderPick({ placeHolder: `${purpose}: which folder?` });
}

/** The argument every server command takes. */
export function folderArgs(folder: vscode.WorkspaceFolder): { folder: string } {
  return { folder: folder.uri.toString() };
}

/**
 * A palette command that acts on one folder: its registration picks the folder (`purpose` heads
 * the picker) and hands it over; with no folder, nothing runs.
 */
export function forFolder(
  purpose: string,
  run: (folder: vscode.WorkspaceFolder) => Promise<void>,
): () => Promise<void> {
  return async () => {
    const folder = await pickFolder(purpose);
    if (folder) await run(folder);
  };
}

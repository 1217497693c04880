import * as vscode from 'vscode';

/**
 * Runs `slipway guard` in a terminal: the deploy guard needs databases, environment variables
 * and git credentials that belong to the user's shell, not to the language server.
 */
export async function runDeployGuard(): Promise<void> {
  const folder = await pickFolder();
  if (!folder) return;
  const cli = vscode.workspace.getConfiguration('slipway', folder.uri).get<string>('cliPath') || 'slipway';
  const terminal = vscode.window.createTerminal({ name: 'Slipway: deploy guard', cwd: folder.uri });
  terminal.show();
  terminal.sendText(`${quote(cli)} guard`);
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (!folders[0])
      void vscode.window.showWarningMessage('Slipway: open a folder with a slipway.yaml first.');
    return folders[0];
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const current = active && vscode.workspace.getWorkspaceFolder(active);
  return (
    current ?? vscode.window.showWorkspaceFolderPick({ placeHolder: 'Run the deploy guard in which folder?' })
  );
}

/** The path of the CLI may hold spaces; anything fancier is the user's own shell syntax. */
function quote(path: string): string {
  return /\s/.test(path) && !/^["']/.test(path) ? `"${path}"` : path;
}

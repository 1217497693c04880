import * as vscode from 'vscode';

/** Why the deploy commands are off in Restricted Mode, and how to turn them on. */
export const UNTRUSTED_MESSAGE =
  'Slipway: this workspace is not trusted (Restricted Mode). Run Deploy Guard, Promote, Roll Back, Unpin, Stamp Baseline, History and Create Policy File run git and the deploy, smoke and database commands the repository configures, so they are off until you trust it. Findings in open files work without trust.';

/** The palette entry shown instead of the disabled commands in Restricted Mode. */
export async function explainRestricted(): Promise<void> {
  const trust = 'Manage Workspace Trust';
  const choice = await vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, { modal: true }, trust);
  if (choice === trust) await vscode.commands.executeCommand('workbench.trust.manage');
}

/**
 * Wraps a command that runs git or processes: `enablement: isWorkspaceTrusted` keeps it out of
 * reach in Restricted Mode, and a call that gets through anyway (a keybinding, another
 * extension) is answered with the reason instead of running.
 */
export function trusted<A extends unknown[]>(
  run: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    if (!vscode.workspace.isTrusted) return explainRestricted();
    await run(...args);
  };
}

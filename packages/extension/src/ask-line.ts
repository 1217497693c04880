import * as vscode from 'vscode';

/**
 * Asks for the line a command cannot go on without (a reason, a commit, a database name): the box
 * stays open when the focus moves elsewhere, and a blank answer is refused with `missing`.
 * Undefined when the person cancels.
 */
export function askLine(
  title: string,
  prompt: string,
  missing: string,
  value?: string,
): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt,
    ...(value !== undefined ? { value } : {}),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : missing),
  });
}

import { type GuardResult, SERVER_COMMANDS, type Wire } from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { resultOrRefusal } from '../server-call.js';
import type { Slipway } from '../slipway.js';

/** "2 errors, 1 warning" per family, errors first: "MIG: 2 errors · DEP: 1 warning". */
export function familySummary(byFamily: GuardResult['countsByFamily']): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return Object.entries(byFamily)
    .sort(([, a], [, b]) => b.error - a.error || b.warning - a.warning)
    .map(([family, c]) => {
      const counts = [
        c.error ? plural(c.error, 'error') : '',
        c.warning ? plural(c.warning, 'warning') : '',
        c.info ? plural(c.info, 'info') : '',
      ].filter(Boolean);
      return `${family}: ${counts.join(', ')}`;
    })
    .join(' · ');
}

/**
 * The deploy guard, run by the language server (no terminal, no CLI on PATH): its findings land
 * in the Problems panel; a summary says whether a deploy would be blocked.
 */
export async function runDeployGuard(slipway: Slipway, folder: vscode.WorkspaceFolder): Promise<void> {
  const r = await resultOrRefusal<Wire<GuardResult>>(slipway, folder, SERVER_COMMANDS.guard, {
    what: 'the deploy guard',
    title: 'Slipway: running the deploy guard',
    cancellable: true,
  });
  if (!r) return;
  const counts = familySummary(r.countsByFamily) || 'no findings';
  const failures = r.failures.length ? ` Could not check: ${r.failures.join('; ')}.` : '';
  const skipped = r.skipped.length ? ` Not run here: ${r.skipped.join('; ')}.` : '';
  const text = r.blocked
    ? `Slipway: deploy guard BLOCKS a deploy. ${counts}.${failures}`
    : `Slipway: deploy guard passed. ${counts}.${skipped}`;
  const show = r.blocked ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
  if ((await show(text, 'Show Problems')) === 'Show Problems')
    await vscode.commands.executeCommand('workbench.actions.view.problems');
}

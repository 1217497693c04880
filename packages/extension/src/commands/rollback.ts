import { type RollbackPlan, type RollbackResult, SERVER_COMMANDS, type Wire } from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { askLine } from '../ask-line.js';
import { resultOrRefusal } from '../server-call.js';
import type { Slipway } from '../slipway.js';

const short = (sha: string | null | undefined) => (sha ?? '').slice(0, 12);

/**
 * "Roll Back Production…": the record and the target, what the rollback will not undo, a reason,
 * a modal confirmation, progress; then the SYSTEM CORRECTION EVENT it logged and the pin.
 */
export async function rollback(slipway: Slipway, folder: vscode.WorkspaceFolder): Promise<void> {
  const what = 'Roll Back Production';
  const plan = await resultOrRefusal<Wire<RollbackPlan>>(slipway, folder, SERVER_COMMANDS.planRollback, {
    what,
    title: 'Slipway: reading the deploy record',
  });
  if (!plan) return;
  const r = plan.record;
  const detail = [
    `Production (${plan.environment}) runs ${short(plan.from)} since ${r.deployed_at}${r.actor ? `, deployed by ${r.actor.name}` : ''}.`,
    `Rolls back to ${short(plan.target)}: ${plan.command ? plan.command.join(' ') : '(no command: health checks only)'}.`,
    ...plan.health.map((h) => `health: ${h.url}`),
    '',
    ...(plan.notes.length
      ? ['It will NOT undo:', ...plan.notes.map((n) => `⚠ ${n}`)]
      : ['Nothing it cannot undo was found.']),
    '',
    'Production is then pinned: promotes are refused until "Slipway: Unpin Production…".',
  ].join('\n');
  const next = 'Continue…';
  if (
    (await vscode.window.showWarningMessage(
      `Slipway: roll back production from ${short(plan.from)} to ${short(plan.target)}?`,
      { modal: true, detail },
      next,
    )) !== next
  )
    return;
  const reason = await askLine(
    'Slipway: Roll Back Production — reason',
    'Why? It is logged with the SYSTEM CORRECTION EVENT and shown with the pin.',
    'A rollback needs a reason',
  );
  if (!reason) return;
  const target = plan.target.slice(0, 7);
  const go = `Roll Back to ${target}`;
  if (
    (await vscode.window.showWarningMessage(
      `Slipway: roll back production to ${target} now?`,
      { modal: true, detail: `Reason: ${reason}` },
      go,
    )) !== go
  )
    return;
  slipway.output.show(true);
  const done = await resultOrRefusal<Wire<RollbackResult>>(
    slipway,
    folder,
    SERVER_COMMANDS.rollback,
    { what, title: `Slipway: rolling back production to ${target}`, cancellable: true, showOutput: true },
    // Choosing "Roll Back to <sha>" in the modal is the approval, as choosing it in any LSP client.
    { reason: reason.trim(), to: plan.target, approval: target },
  );
  if (!done) return;
  const c = done.correction;
  const event = c
    ? `SYSTEM CORRECTION EVENT logged: ${short(c.from)} → ${short(c.to)} by ${c.actor.name} (${c.reason ?? reason}).`
    : done.message;
  slipway.output.info(event);
  const history = 'Show History';
  const choice = await vscode.window.showWarningMessage(
    `Slipway: ${event} Production is now pinned to ${target}; promotes are refused until "Unpin Production…".`,
    history,
  );
  if (choice === history) await vscode.commands.executeCommand('slipway.showHistory');
}

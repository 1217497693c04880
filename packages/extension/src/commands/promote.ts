import {
  type EnvironmentChoice,
  type PromoteArgs,
  type PromotePlan,
  type PromoteResult,
  SERVER_COMMANDS,
  type Wire,
} from '@slipway/lsp/protocol';
import * as vscode from 'vscode';
import { askLine } from '../ask-line.js';
import { resultOrRefusal } from '../server-call.js';
import { preflight } from './checklist.js';
import type { Slipway } from '../slipway.js';

/** What a promote to each environment does, as the picker says it. */
function environmentItems(choices: readonly EnvironmentChoice[] | undefined): vscode.QuickPickItem[] {
  if (!choices?.length) {
    // The server has not reported the policy yet: the two environments every example defines.
    return [
      { label: 'staging', description: 'deploy, run the health checks, record it as verified' },
      { label: 'production', description: "needs a staging verification and a person's approval" },
    ];
  }
  return choices.map((c) => {
    const needs = [
      ...(c.verifiedOn ? [`a verification on ${c.verifiedOn}`] : []),
      ...(c.approval ? ["a person's approval"] : []),
    ];
    const does = c.production
      ? 'deploy and update the deploy record'
      : 'deploy, run the health checks, record it as verified';
    return { label: c.name, description: needs.length ? `needs ${needs.join(' and ')}` : does };
  });
}

/** Environment (the policy's own, in its order), then commit: the head of the production branch unless the person names one. */
async function askTarget(
  choices?: readonly EnvironmentChoice[],
): Promise<{ env: string; sha?: string } | undefined> {
  const env = await vscode.window.showQuickPick(environmentItems(choices), {
    title: 'Slipway: Promote — environment',
    placeHolder: 'Promote to which environment?',
    ignoreFocusOut: true,
  });
  if (!env) return undefined;
  const head = 'Head of the production branch';
  const pick = await vscode.window.showQuickPick(
    [
      { label: head, description: "default (Slipway's record commits skipped)" },
      { label: 'Another commit…' },
    ],
    { title: `Slipway: Promote to ${env.label} — commit`, ignoreFocusOut: true },
  );
  if (!pick) return undefined;
  if (pick.label === head) return { env: env.label };
  const sha = await askLine(
    `Slipway: Promote to ${env.label} — commit`,
    'A commit SHA, tag or branch',
    'Name a commit',
  );
  return sha ? { env: env.label, sha: sha.trim() } : undefined;
}

/**
 * "Promote…": target, the preflight checklist from planPromote, the approval where the
 * environment needs one (the person types the short SHA), then the promote with progress,
 * cancel and its output in the Slipway channel. Every refusal says why and what to do.
 */
export async function promote(slipway: Slipway, folder: vscode.WorkspaceFolder): Promise<void> {
  const target = await askTarget(slipway.status.statusOf(folder.uri.fsPath)?.environments);
  if (!target) return;
  const args: Omit<PromoteArgs, 'folder'> = { env: target.env, ...(target.sha ? { sha: target.sha } : {}) };
  const plan = await resultOrRefusal<Wire<PromotePlan>>(
    slipway,
    folder,
    SERVER_COMMANDS.planPromote,
    { what: 'Promote', title: `Slipway: checking the promote to ${target.env}`, cancellable: true },
    args,
  );
  if (!plan) return;
  const what = `Promote ${plan.shortSha} to ${plan.environment}`;
  if (!plan.wouldProceed) {
    const failed = plan.checks.filter((c) => !c.ok).map((c) => c.name);
    await vscode.window.showErrorMessage(
      `Slipway: ${what} would be refused (${failed.join(', ') || 'see the checks'}). Nothing was deployed.`,
      {
        modal: true,
        detail: `${preflight(plan)}\n\nFix what is marked ✗ and promote again${plan.pinned ? '; a pin is lifted with "Slipway: Unpin Production…"' : ''}.`,
      },
    );
    return;
  }
  const go = plan.approval.required ? 'Approve…' : 'Promote';
  const confirmed = await vscode.window.showWarningMessage(
    `Slipway: ${what}?`,
    { modal: true, detail: preflight(plan) },
    go,
  );
  if (confirmed !== go) return;
  if (plan.approval.required) {
    const typed = await vscode.window.showInputBox({
      title: `Slipway: approve — ${what}`,
      prompt: `Type ${plan.shortSha} to approve this promote to ${plan.environment}`,
      placeHolder: plan.shortSha,
      ignoreFocusOut: true,
    });
    if (typed === undefined) return;
    // The server checks the text; a wrong answer is refused and logged, nothing is deployed.
    args.approval = typed;
  }
  args.sha = plan.sha;
  slipway.output.show(true);
  const done = await resultOrRefusal<Wire<PromoteResult>>(
    slipway,
    folder,
    SERVER_COMMANDS.promote,
    { what, title: `Slipway: ${what}`, cancellable: true, showOutput: true },
    args,
  );
  if (done) void vscode.window.showInformationMessage(`Slipway: ${done.message}`);
}

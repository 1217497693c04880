import {
  type Connection,
  MessageType,
  NotificationType,
  ShowMessageNotification,
} from 'vscode-languageserver/node';
import { environmentChoices } from '@slipway/policy-core';
import type { GuardSummary } from '../commands/guard-findings.js';
import { STATUS_NOTIFICATION, type StatusParams } from '../protocol/index.js';
import { type CheckState, describeState } from '../workspace/check-state.js';
import { isAgentBranch, productionState } from '../workspace/deploy-facts.js';
import type { Project } from '../workspace/project.js';

export type { StatusParams };

/** `slipway/status`: the extension's status item and output channel show it. */
export const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);

/**
 * Tells the client when a project's state changes. An invalid policy or a failed check is also
 * shown once as a message: other files then have no findings, and that must not look like "all good".
 */
export class StatusReporter {
  private readonly last = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly restricted = false,
    private readonly guardOf: (root: string) => GuardSummary | undefined = () => undefined,
  ) {}

  report(project: Project, state: CheckState): void {
    const message = describeState(state);
    const doc = project.policyDocument();
    const branch = project.reviewedBranch();
    const extra: Partial<StatusParams> = {
      ...(branch ? { branch, agentBranch: isAgentBranch(doc, branch) } : {}),
      production: productionState(doc, (p) => project.repo.readFile(p)),
      guard: this.guardOf(project.root),
      ...(doc?.policy.deploy ? { environments: environmentChoices(doc) } : {}),
      ...(this.restricted ? { restricted: true } : {}),
    };
    const key = `${state.kind}\0${message}\0${JSON.stringify(extra)}`;
    if (this.last.get(project.root) === key) return;
    const previous = this.last.get(project.root);
    this.last.set(project.root, key);
    this.connection.console.info(`${project.root}: ${message}`);
    void this.connection.sendNotification(StatusNotification, {
      root: project.root,
      kind: state.kind,
      message,
      errors: state.findings.filter((f) => f.severity === 'error').length,
      warnings: state.findings.filter((f) => f.severity === 'warning').length,
      ...extra,
    });
    const wasBad = previous?.startsWith('invalid-policy') || previous?.startsWith('failed');
    const bad = state.kind === 'invalid-policy' || state.kind === 'failed';
    // While the policy file is open its own diagnostics say what is wrong, and typing it passes
    // through invalid text at nearly every keystroke: a message each time would be a popup storm.
    if (bad && !wasBad && !(state.kind === 'invalid-policy' && project.policyFileOpen())) {
      // A notification, not a request: nothing waits for the user to dismiss it.
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Slipway: ${message}.`,
      });
    }
  }
}

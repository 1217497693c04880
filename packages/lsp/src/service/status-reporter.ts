import {
  agentSignal,
  branchSignal,
  describeSignal,
  environmentChoices,
  isBot,
  shortSignal,
} from '@slipway/policy-core';
import type { GuardSummary } from './guard-findings.js';
import type { StatusParams } from '../protocol/index.js';
import { type CheckState, describeState } from '../workspace/check-state.js';
import { productionState } from '../workspace/deploy-facts.js';
import type { Project } from '../workspace/project.js';

export type { StatusParams };

/** Where a project's state goes: the server sends `slipway/status` and a warning message. */
export interface StatusSink {
  /** A line for the log. */
  log(line: string): void;
  /** The state changed (`slipway/status`: the extension's status item and output channel). */
  status(params: StatusParams): void;
  /** Shown once to the person (a warning message): a state in which other files show nothing. */
  warn(message: string): void;
}

/**
 * Tells the client when a project's state changes. An invalid policy or a failed check is also
 * shown once as a message: other files then have no findings, and that must not look like "all good".
 */
export class StatusReporter {
  private readonly last = new Map<string, string>();

  constructor(
    private readonly sink: StatusSink,
    private readonly restricted = false,
    private readonly guardOf: (root: string) => GuardSummary | undefined = () => undefined,
    /** Folders below a project checked with policies of their own. */
    private readonly nestedOf: (project: Project) => string[] = () => [],
  ) {}

  report(project: Project, state: CheckState): void {
    // A monorepo whose policies are all below its top: the top has none, and that is by design.
    const nested = state.kind === 'no-policy' ? this.nestedOf(project) : [];
    const message = nested.length > 0 ? nestedOnlyMessage(nested) : describeState(state);
    const doc = project.policyDocument();
    const branch = project.reviewedChange()?.branch;
    const change = project.reviewedChange();
    // The same identity model as the rules: the change's commits and trailers, not its branch only.
    const signal = doc && (change ? agentSignal(doc, change) : branchSignal(doc, branch));
    const extra: Partial<StatusParams> = {
      ...(branch ? { branch, agentBranch: signal?.kind === 'branch' } : {}),
      ...(signal
        ? {
            agent: describeSignal(signal),
            agentShort: shortSignal(signal),
            ...(isBot(signal) ? { bot: true } : {}),
          }
        : {}),
      production: productionState(doc, (p) => project.repo.readFile(p)),
      guard: this.guardOf(project.root),
      ...(doc?.policy.deploy ? { environments: environmentChoices(doc) } : {}),
      ...(this.restricted ? { restricted: true } : {}),
      ...(nested.length > 0 ? { nestedPolicies: nested } : {}),
    };
    const key = `${state.kind}\0${message}\0${JSON.stringify(extra)}`;
    if (this.last.get(project.root) === key) return;
    const previous = this.last.get(project.root);
    this.last.set(project.root, key);
    this.sink.log(`${project.root}: ${message}`);
    this.sink.status({
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
      this.sink.warn(`Slipway: ${message}.`);
    }
  }
}

/** The top of a monorepo without a policy, whose folders below have their own. */
function nestedOnlyMessage(folders: readonly string[]): string {
  const shown = folders.slice(0, 5).map((f) => `${f}/`);
  const more = folders.length > shown.length ? ` and ${folders.length - shown.length} more` : '';
  return `no policy at the repository root; checked with their own policies: ${shown.join(', ')}${more}`;
}

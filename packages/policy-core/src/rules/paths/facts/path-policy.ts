import { type AgentSignal, describeSignal, signalPolicyPath } from '../../../agents/change-author.js';
import type { ChangedFile, ChangeSet } from '../../../change-set.js';
import { type Range, type RelatedLocation, ZERO_RANGE } from '../../../finding.js';
import type { PathDecision } from '../../../paths/index.js';
import type { PolicyPath } from '../../../policy/document.js';
import type { CheckContext } from '../../../rule.js';
import type { PathPolicy } from '../../../policy/path-policy.js';

/**
 * The paths of a changed file that the change really alters: a rename removes its old path too;
 * a copy leaves its source as it was.
 */
export function alteredPaths(f: ChangedFile): string[] {
  // Stryker disable next-line ConditionalExpression: a rename to its own path would list one path twice, and a path decides the same both times
  return f.status === 'renamed' && f.oldPath !== undefined && f.oldPath !== f.path
    ? [f.path, f.oldPath]
    : [f.path];
}

/**
 * The form a changed path is matched in: a submodule is a directory (as `git check-ignore`
 * sees it in the work tree), so it carries the trailing `/` that lets `vendor/lib/` cover it.
 */
export function matchForm(f: ChangedFile, path: string): string {
  return f.submodule ? `${path}/` : path;
}

export type LabelState = 'present' | 'missing' | 'unknown';

export function labelState(change: ChangeSet, label: string): LabelState {
  if (change.labels === undefined) return 'unknown';
  // GitHub treats label names case-insensitively (one label per spelling).
  const wanted = label.toLowerCase();
  return change.labels.some((l) => l.toLowerCase() === wanted) ? 'present' : 'missing';
}

export { refusedLabelNote as labelNote } from '../../../change-set.js';

/** A list entry (a pattern) is pointed at by its value; a whole list by its key line. */
function locate(ctx: CheckContext, path: PolicyPath): Range {
  // Stryker disable next-line ConditionalExpression,UnaryOperator: a list entry has no key of its own: the YAML and TOML locators answer its value for 'key' too
  return ctx.policy.locate(path, typeof path.at(-1) === 'number' ? 'value' : 'key');
}

/** "slipway.yaml line 5" */
export function policyLine(ctx: CheckContext, path: PolicyPath): string {
  return `${ctx.policy.file} line ${locate(ctx, path).start.line + 1}`;
}

export function relatedPolicy(ctx: CheckContext, path: PolicyPath, message: string): RelatedLocation {
  return { file: ctx.policy.file, range: locate(ctx, path), message };
}

/** The policy key path of the pattern that decided, or of the whole list when none did. */
export function decidingPath(d: PathDecision, list: PolicyPath): PolicyPath {
  return d.source?.policyPath ?? list;
}

/**
 * Where a finding about a changed file goes: the file's first line, which a person opens to fix
 * or revert it; for a deleted file (nothing left to open), the policy line that caused it.
 */
export function findingLocation(
  ctx: CheckContext,
  f: ChangedFile,
  policyPath: PolicyPath,
): { file: string; range: Range } {
  if (f.status === 'deleted') return { file: ctx.policy.file, range: locate(ctx, policyPath) };
  const text = ctx.repo.readFile(f.path);
  if (text === undefined || text.includes('\0')) return { file: f.path, range: ZERO_RANGE };
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  const end = first.endsWith('\r') ? first.length - 1 : first.length;
  return { file: f.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } } };
}

/**
 * How a message names a deleted file, whose finding sits at the policy line (findingLocation):
 * the agent gate finds the finding of a removal it judges by these words.
 */
export function deletedFileWords(path: string): string {
  return `\`${path}\` (deleted)`;
}

/**
 * How a message names the changed file: its path, and for a rename where it came from, whichever
 * side decided (a file moved out of `docs/` is as much the agent's change as one moved in).
 */
export function describeChange(f: ChangedFile): string {
  if (f.status === 'deleted') return deletedFileWords(f.path);
  if (f.status === 'renamed' && f.oldPath !== undefined && f.oldPath !== f.path)
    return `\`${f.path}\` (renamed from \`${f.oldPath}\`)`;
  return `\`${f.path}\``;
}

/** What every PATH rule reads: the change, the compiled policy and what makes it an agent's. */
export interface PathRun {
  ctx: CheckContext;
  change: ChangeSet;
  pp: PathPolicy;
  /** Why the change is an agent's (agents/change-author.ts); undefined for a human's change. */
  agent: AgentSignal | undefined;
}

/**
 * How a PATH message names an agent's change: "on agent branch `auto/x`", or "in this agent
 * change (Co-authored-by: Claude <noreply@anthropic.com> in commit abc1234 (the claude preset))".
 */
export function agentChangeWords(ctx: CheckContext, signal: AgentSignal): string {
  if (signal.kind === 'branch' && !signal.unreadable) {
    const preset = 'preset' in signal.origin ? ` (the ${signal.origin.preset} preset)` : '';
    return `on agent branch \`${signal.seen}\`${preset}`;
  }
  return `in this agent change (${describeSignal(signal, (path) => policyLine(ctx, path))})`;
}

/** The policy entry that made the change an agent's, as a related location (none for a preset). */
export function agentRelated(ctx: CheckContext, signal: AgentSignal): RelatedLocation[] {
  const path = signalPolicyPath(signal);
  if (path === undefined || signal.unreadable) return [];
  const what = signal.kind === 'branch' ? 'agent branch pattern' : 'agent identity';
  return [relatedPolicy(ctx, path, `${what} \`${signal.pattern}\``)];
}

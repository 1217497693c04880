import type { Finding } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import type { AnyRule } from '../rule.js';
import type { GateReason, Verdict } from './tool-call.js';

/**
 * Rules a human may settle on the pull request with the approval label (a protected path, a
 * dependency change, a cap): the gate asks the human at the agent's prompt rather than refusing
 * outright. Every other error refuses; the policy surface (PATH004) above all, since an agent that
 * edits its own guardrails can switch them off, whoever approves.
 */
const LABEL_GATED = new Set([
  'PATH001',
  'PATH003',
  'DEP006',
  'AGT001',
  'AGT002',
  'AGT003',
  'AGT004',
  'AGT005',
]);

/**
 * Rules that say where Slipway's reading stopped in a file the rules read: SQL it cannot read
 * (MIG030: built at run time, a DO block's EXECUTE of a string made as it runs) and constructs it
 * does not follow (MIG042). Whatever their severity in CI, at the tool call the text is the
 * agent's and about to be written: a human looks at what Slipway could not (a red team's
 * `DO $$ BEGIN EXECUTE 'DROP ' || 'TABLE users'; END $$;` went through as an info).
 */
const UNREAD = new Set(['MIG030', 'MIG042']);

/** Whether the gate weighs a finding: errors, and the rules that say a reading stopped (UNREAD). */
export function weighed(finding: Finding): boolean {
  return finding.severity === 'error' || UNREAD.has(finding.rule);
}

/** `ask` for a finding a label settles or one where Slipway's reading stopped, `deny` for the rest. */
export function verdictOf(finding: Finding): Exclude<Verdict, 'allow'> {
  return LABEL_GATED.has(finding.rule) || (UNREAD.has(finding.rule) && finding.severity !== 'error')
    ? 'ask'
    : 'deny';
}

/** The strictest of several verdicts: a refusal over a question over letting the call through. */
export function strictest(verdicts: Iterable<Verdict>): Verdict {
  const all = new Set(verdicts);
  return all.has('deny') ? 'deny' : all.has('ask') ? 'ask' : 'allow';
}

/** A finding as a reason: the rule, the file, the message, the policy line, and what to do instead. */
export function findingReason(finding: Finding, doc: PolicyDocument, rule: AnyRule | undefined): GateReason {
  const line = finding.related?.find((r) => r.file === doc.file);
  const reason: GateReason = {
    ruleId: finding.rule,
    path: finding.file,
    message: finding.message,
    instead: insteadOf(finding, rule),
  };
  if (line) reason.policyLine = `${doc.file}:${line.range.start.line + 1}`;
  return reason;
}

/**
 * What the agent should do: a human's approval where a label settles it; else the finding's own
 * fix, where Slipway has one (its title names what it writes, the new migration's path included:
 * the agent can make that change; where its edits are comes first, as a long title is cut at the
 * end); else the rule's advice.
 */
function insteadOf(finding: Finding, rule: AnyRule | undefined): string {
  if (verdictOf(finding) === 'ask')
    return 'ask a human to approve: they review the change and add the approval label on its pull request, or leave this file alone';
  const titles = (finding.fixes ?? []).map((f) => f.title);
  if (titles.length > 0)
    return oneLine(
      `make the change Slipway's fix makes (its edits: the MCP tool check_change, or \`slipway check --format json\`): ${titles.join('; or: ')}`,
    );
  const fix = rule?.docs.fix;
  return fix ? oneLine(fix) : 'leave this file as it is, or ask a human to make this change';
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 399)}…` : flat;
}

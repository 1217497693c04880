import type { AgentSignal } from '../../agents/change-author.js';
import type { ChangeSet } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, Rule } from '../../rule.js';
import {
  agentChangeWords,
  agentRelated,
  alteredPaths,
  decidingPath,
  describeChange,
  findingLocation,
  matchForm,
  policyLine,
  relatedPolicy,
} from './facts/path-policy.js';
import type { PathPolicy } from '../../policy/path-policy.js';
import type { PathRun } from './facts/path-policy.js';
import { pathExample, pathSuppressDocs } from './facts/examples.js';

export const outsideAgentScope: Rule<PathRun> = {
  id: 'PATH002',
  name: 'outside-agent-scope',
  family: 'PATH',
  // Stryker disable next-line StringLiteral: read by no one: the PATH family's one run judges every rule (one-run-family.ts filters on `facts` only for a family that names its own)
  facts: 'path-change',
  defaultSeverity: 'error',
  // The change must not approve itself with a comment in the files it changes.
  suppressible: false,
  title: 'agent branch changes a file outside agents.allowed',
  docs: {
    what:
      "In an agent's change — its branch (`agents.branches`, e.g. `auto/*`, or a known agent's such as " +
      '`copilot/*`), its pull request author, or any commit or Co-authored-by trailer says so — a changed ' +
      "file (either side of a rename) is not matched by `agents.allowed`. A bot's routine change " +
      '(Dependabot, Renovate) is not held to the allow-list, unless the policy gives bots one of ' +
      'their own: `agents.bots.allowed`, which then decides in its place.',
    why:
      'Agents may auto-edit only their allow-list (docs, infrastructure scripts, non-core backend ' +
      'modules); anything else is a human change.',
    fix:
      'Move the change to a human branch, or revert it on the agent branch. Protected files are judged ' +
      'by PATH003 (the approval label) rather than here. `allowed: []` allows nothing (every change on an agent branch is reported); without an `allowed` key this rule is off.',
    suppress: pathSuppressDocs('PATH002'),
    examples: [
      pathExample({
        verdict: 'flagged',
        file: 'backend/app/main.py',
        text: 'from fastapi import FastAPI\n' + '\n' + 'app = FastAPI(title="billing")\n',
        change: { branch: 'auto/refactor', labels: [], files: ['backend/app/main.py'] },
      }),
      pathExample({
        verdict: 'fine',
        file: 'backend/app/services/mail.py',
        text: 'def send_welcome(user):\n' + '    return f"Welcome, {user.name}!"\n',
        change: {
          branch: 'auto/refactor',
          labels: [],
          files: ['backend/app/services/mail.py', 'docs/readme.md'],
        },
        beside: { 'docs/readme.md': '# Billing\n' },
      }),
    ],
  },
  check: ({ ctx, change, pp, agent }) => (agent ? checkOutsideAgentScope(ctx, change, pp, agent) : []),
};

export function checkOutsideAgentScope(
  ctx: CheckContext,
  change: ChangeSet,
  pp: PathPolicy,
  agent: AgentSignal,
): Finding[] {
  const allowed = pp.allowedMatcher;
  if (allowed === undefined) return [];
  const out: Finding[] = [];
  for (const f of change.files) {
    const paths = alteredPaths(f);
    // A protected file is PATH003's business: the label, not the allow-list, decides it. A file
    // of the policy surface is PATH004's: agents never change it, allow-list or not.
    if (paths.some((p) => pp.protectedMatcher?.matches(matchForm(f, p)))) continue;
    if (paths.some((p) => pp.surfaceMatcher.matches(matchForm(f, p)))) continue;
    for (const path of paths) {
      const d = allowed.explain(matchForm(f, path));
      if (d.matched) continue;
      const where = decidingPath(d, pp.allowedKey);
      const why = d.negated ? `excluded by \`${d.source?.pattern}\`` : 'matched by no pattern';
      out.push({
        rule: outsideAgentScope.id,
        severity: outsideAgentScope.defaultSeverity,
        message:
          `${describeChange(f)} is outside what ${pp.allowedKey.length > 2 ? 'bots' : 'agents'} may edit ${agentChangeWords(ctx, agent)} (${pp.allowedKey.join('.')}, ` +
          `${policyLine(ctx, where)}: ${why}); make this change on a human branch, or revert it here.`,
        ...findingLocation(ctx, f, where),
        related: [
          relatedPolicy(
            ctx,
            where,
            d.negated
              ? `excluded by \`${d.source?.pattern}\``
              : `what ${pp.allowedKey.length > 2 ? 'bots' : 'agents'} may edit`,
          ),
          ...agentRelated(ctx, agent),
        ],
      });
      break;
    }
  }
  return out;
}

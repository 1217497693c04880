import { normalizeRepoPath } from '../../../paths/index.js';
import { ciLocalActions } from '../../../policy/ci-local-actions.js';
import type { PolicyDocument } from '../../../policy/document.js';
import { pathPolicy } from '../../../policy/path-policy.js';
import type { RepoView } from '../../../repo.js';
import { explainPath } from './explain-path.js';
import { pathRoles } from './path-roles.js';
import { RULE_IDS } from '../../../rule-ids.generated.js';

/** What the policy says of an agent editing one path, before any content is judged. */
export interface PathVerdict {
  /** The path as the policy matches it (repository-relative, normalised). */
  path: string;
  /** As the agent gate answers (agent-gate/tool-call.ts `Verdict`, which reads these facts). */
  verdict: 'allow' | 'ask' | 'deny';
  /** The path rule that decides (PATH002, PATH003, PATH004); absent for `allow`. */
  rule?: string;
  /** One sentence: what the policy says and what to do instead. */
  reason: string;
  /** Where the deciding pattern is (`slipway.yaml line 12`), when a pattern decided. */
  policyLine?: string;
  /** What else Slipway reads the path as (a migration, a dependency file …), as `slipway explain <path>` says. */
  roles: string[];
}

/**
 * The path rules an agent's change meets, asked of one path ahead of the edit: what
 * `slipway explain <path>` says (explain-path.ts, path-roles.ts), as a verdict. The policy
 * surface (PATH004) and a path outside `agents.allowed` (PATH002) are refused: no label lets an
 * agent branch change the surface, and the allow-list is the agent's lane. A protected path
 * (PATH003) is the human's call: the approval label lets the change through, so the agent asks.
 */
export function agentPathVerdict(doc: PolicyDocument, repo: RepoView, rawPath: string): PathVerdict {
  const path = normalizeRepoPath(rawPath);
  const pp = pathPolicy(doc);
  const roles = pathRoles(doc, repo, path);
  const line = (n: number) => `${doc.file} line ${n}`;
  if (pp.surfaceMatcher.matches(path) || ciLocalActions(repo, (p) => repo.readFile(p)).which(path)) {
    // path-roles' own sentence names what it is (a CI workflow, the policy file, agent instructions).
    // Stryker disable next-line StringLiteral: path-roles gives a surface path its surface sentence first, by the same two tests; the fallback only satisfies the type
    const said = roles.find((r) => r.includes('policy surface')) ?? `${path}: part of the policy surface`;
    const source = pp.surfaceMatcher.explain(path).source;
    const where =
      source?.policyPath &&
      // Stryker disable next-line StringLiteral: a list entry has no key of its own: the YAML and TOML locators answer its value for either part
      line(doc.locate(source.policyPath, 'value').start.line + 1);
    return {
      path,
      verdict: 'deny',
      rule: RULE_IDS.policySurfaceChanged,
      reason: `${said}; leave it to a person`,
      ...(where ? { policyLine: where } : {}),
      roles,
    };
  }
  const explained = explainPath(doc, path);
  const allowed = explained.verdicts.find((v) => v.list === 'agents.allowed');
  if (allowed && !allowed.decision.matched)
    return {
      path,
      verdict: 'deny',
      rule: RULE_IDS.outsideAgentScope,
      reason: `${path} is outside what agents may edit (agents.allowed, ${line(allowed.line)}): ${
        allowed.decision.source
          ? `pattern \`${allowed.decision.source.pattern}\` excludes it`
          : 'no pattern matches it'
      }; change files the allow-list names, or leave this one to a person`,
      policyLine: line(allowed.line),
      roles,
    };
  const prot = explained.verdicts.find((v) => v.list === 'protected.paths');
  if (prot?.decision.matched)
    return {
      path,
      verdict: 'ask',
      rule: RULE_IDS.agentEditsProtected,
      reason: `${path} is protected by pattern \`${prot.decision.source?.pattern ?? ''}\` (${line(prot.line)}): an agent's change to it needs a person's review and the \`${pp.label}\` label; ask before editing it`,
      policyLine: line(prot.line),
      roles,
    };
  // Past the refusal above, an allow-list has matched the path: a pattern admitted it.
  const because = allowed
    ? `agents.allowed pattern \`${allowed.decision.source?.pattern}\` admits it (${line(allowed.line)})`
    : `${doc.file} has no agents.allowed list`;
  return {
    path,
    verdict: 'allow',
    reason: `${path} is not protected and not policy surface; ${because}`,
    ...(allowed ? { policyLine: line(allowed.line) } : {}),
    roles,
  };
}

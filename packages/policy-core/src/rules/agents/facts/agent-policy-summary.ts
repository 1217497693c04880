import { agentSignal, describeSignal } from '../../../agents/change-author.js';
import type { ChangeSet } from '../../../change-set.js';
import type { PolicyDocument } from '../../../policy/document.js';
import { pathPolicy } from '../../../policy/path-policy.js';
import { AGENT_CAP_KEYS, type AgentCapKey } from '../../../policy/schema/agents.js';
import { DEFAULT_POLICY_SURFACE } from '../../../policy/surface-defaults.js';
import type { RepoView } from '../../../repo.js';
import { changeCounts } from './change-counts.js';
import type { CheckContext } from '../../../rule.js';
import { RULE_IDS } from '../../../rule-ids.generated.js';
import type { Workspace } from '../../../workspace.js';

/** One cap of `agents.limits`: its rule, the cap (null when unset) and what the change has used. */
export interface CapUse {
  key: AgentCapKey;
  rule: string;
  cap: number | null;
  /** Null when there is no change to count (no base) or the count cannot be had (lines without a diff). */
  used: number | null;
}

/** What an agent may do in this repository, as the policy that judges its change says. */
export interface AgentPolicySummary {
  policyFile: string;
  productionBranch: string;
  /** Branch name patterns agents work on (`agents.branches`). */
  agentBranches: string[];
  /** The one branch name a dependency upgrade may use (`agents.dependency_branch`, BR003). */
  dependencyBranch: string;
  /** `agents.allowed`; null when the policy has none (agents are limited by protection and the surface alone). */
  allowedPaths: string[] | null;
  protected: { paths: string[]; label: string };
  /** The policy surface: never changed by an agent (PATH004). */
  policySurface: { defaults: { pattern: string; what: string }[]; extra: string[]; optOut: string[] };
  caps: CapUse[];
  /** Whether the change so far reads as an agent's, and the signal that says so (explain --change). */
  change: { base: string; files: number; agent: string | null } | null;
}

const CAP_RULES: Record<AgentCapKey, string> = {
  files: RULE_IDS.tooManyFiles,
  lines: RULE_IDS.tooManyLines,
  new_dependencies: RULE_IDS.tooManyNewDependencies,
  migrations: RULE_IDS.tooManyMigrations,
  deleted_files: RULE_IDS.tooManyDeletedFiles,
};

/**
 * The policy's answer to "what may an agent do here", with the caps' use by `change` (the
 * working tree and branch against the base, as `slipway check` reads it), each counted as the
 * AGT rules count it (change-counts.ts).
 */
export function agentPolicySummary(
  doc: PolicyDocument,
  repo: RepoView,
  change: ChangeSet | undefined,
  env: Readonly<Record<string, string | undefined>>,
  workspace?: Workspace,
): AgentPolicySummary {
  const { policy } = doc;
  const agents = policy.agents;
  const limits = agents?.limits ?? {};
  // Stryker disable next-line ObjectLiteral: the workspace only caches parses of the same texts; the counts are the same without it.
  const ctx: CheckContext = { policy: doc, repo, env, now: new Date(0), ...(workspace ? { workspace } : {}) };
  const counts = change ? changeCounts(ctx, change) : undefined;
  const used: Record<AgentCapKey, () => number | undefined> = {
    files: () => counts?.files(),
    lines: () => counts?.lines(),
    new_dependencies: () => counts?.newDependencies().count,
    migrations: () => counts?.migrations().count,
    deleted_files: () => counts?.deletedFiles(),
  };
  const signal = change ? agentSignal(doc, change) : undefined;
  const line = (path: readonly (string | number)[]) =>
    `${doc.file} line ${doc.locate(path, 'key').start.line + 1}`;
  return {
    policyFile: doc.file,
    productionBranch: policy.production_branch,
    agentBranches: [...(agents?.branches ?? ['auto/*'])],
    dependencyBranch: agents?.dependency_branch ?? 'auto/dependency-upgrade-YYYYMMDD-NNN',
    allowedPaths: agents?.allowed ? [...agents.allowed] : null,
    protected: { paths: [...(policy.protected?.paths ?? [])], label: pathPolicy(doc).label },
    policySurface: {
      defaults: DEFAULT_POLICY_SURFACE.map((d) => ({ ...d })),
      extra: [...(policy.policy_surface?.extra ?? [])],
      optOut: [...(policy.policy_surface?.opt_out ?? [])],
    },
    caps: AGENT_CAP_KEYS.map((key) => ({
      key,
      rule: CAP_RULES[key],
      cap: limits[key] ?? null,
      used: used[key]() ?? null,
    })),
    change: change
      ? {
          base: change.base,
          files: change.files.length,
          agent: signal ? describeSignal(signal, line) : null,
        }
      : null,
  };
}

import {
  type AgentWrittenLines,
  type ChangeSet,
  compareFindings,
  countsByFamily,
  describeFailure,
  type DeployCallbacks,
  type GuardResult,
  guardBlocks,
  initMigrationParsers,
  matchesRuleFilter,
  type PolicyDocument,
  type RepoView,
  runCheck,
  Workspace,
} from '../../index.js';
import { openRepo } from '../fs-repo.js';
import { nativeSha256 } from '../native-sha256.js';
import type { GuardContext, GuardStep } from './guard-step.js';
import { policyAt } from './valid-policy.js';

export interface GuardOptions {
  /** The repository root. */
  root: string;
  env: Record<string, string | undefined>;
  /** The policy to apply; default: the one at the root (its own slipway.yaml or slipway.toml). */
  policy?: PolicyDocument;
  /** The change's own policy when the base's governs: validated, and its effect reported (POL). */
  headPolicy?: PolicyDocument;
  /** The files to check; default: the working tree at `root`. */
  repo?: RepoView;
  /** The change under review; without one the tree is checked as it is (`--tree`). */
  change?: ChangeSet;
  /** The deploy record to read what production runs from, when `repo` is another commit's tree. */
  productionRecord?: string;
  /** The baseline to apply when `repo` is another commit's tree (null: the checkout has none). */
  productionBaseline?: string | null;
  /** Promote's guard: the allow comments an agent's commit wrote since the last good deploy. */
  agentWrittenLines?: AgentWrittenLines;
  /** This run's caches (parsed migrations), shared with the steps. */
  workspace?: Workspace;
  /** Only these rules (ids or family prefixes). */
  only?: string[];
  /** The tree's file listing, already asked for (`git ls-files -z --full-name` output). */
  listing?: Promise<Buffer>;
  /**
   * The steps after the rules. A host without database clients passes none; a step the policy
   * needs and the host lacks is listed in the result's `skipped`.
   */
  steps?: GuardStep[];
}

/** Policies that configure databases want the database audit; say so when this host cannot run it. */
function missingSteps(policy: PolicyDocument, steps: readonly GuardStep[]): string[] {
  const wantsDb = policy.policy.migrations?.databases !== undefined;
  return wantsDb && !steps.some((s) => s.name === 'database audit')
    ? ['database audit: this host has no database client; run `slipway guard` to audit the databases']
    : [];
}

/**
 * The deploy guard: every policy rule (`check`) on the change or the tree, then the steps that
 * need more than files (the database audit when the host provides it). Reports each step as
 * progress; returns the findings, whether they block a deploy and the counts per family.
 */
export async function guard(
  opts: GuardOptions,
  callbacks: Pick<DeployCallbacks, 'onProgress'> = {},
): Promise<GuardResult> {
  const log = (message: string) => callbacks.onProgress?.({ step: 'guard', message });
  const policy = opts.policy ?? policyAt(opts.root);
  const [repo] = await Promise.all([
    opts.repo ?? openRepo(opts.root, opts.listing),
    // The PostgreSQL parser (WASM) loads while git runs, and only when migrations are checked.
    policy.policy.migrations ? initMigrationParsers() : undefined,
  ]);
  const context: GuardContext = {
    root: opts.root,
    policy,
    repo,
    workspace: opts.workspace ?? new Workspace(),
  };
  // A tree's history: what production's database says has run (a change is judged by what it adds).
  const fromDb = opts.change ? {} : await productionDatabaseOf(opts.steps ?? [], context, opts.env);
  if (fromDb.note) log(`guard: ${fromDb.note}`);
  const result = runCheck({
    policy,
    ...(opts.headPolicy ? { headPolicy: opts.headPolicy } : {}),
    repo,
    change: opts.change,
    ...(opts.productionRecord !== undefined ? { productionRecord: opts.productionRecord } : {}),
    ...(opts.productionBaseline !== undefined ? { productionBaseline: opts.productionBaseline } : {}),
    ...(fromDb.database ? { productionDatabase: fromDb.database } : {}),
    ...(opts.agentWrittenLines ? { agentWrittenLines: opts.agentWrittenLines } : {}),
    env: opts.env,
    only: opts.only,
    sha256: nativeSha256,
    workspace: context.workspace,
  });
  const findings = [...result.findings];
  const steps = ['check'];
  const failures: string[] = result.failures.map(describeFailure);
  // A baseline that cannot be read blocks: its findings are all reported, and the run fails.
  if (result.baselineProblem) failures.push(result.baselineProblem);
  const available = opts.steps ?? [];
  for (const step of available) {
    if (!step.applies(context, opts.env)) continue;
    log(`guard: ${step.name}`);
    steps.push(step.name);
    const found = await step.run({ context, change: opts.change, env: opts.env, log });
    // `only` narrows the steps' findings as it narrows check's (a rule id or a family prefix).
    for (const f of found.findings)
      if (!opts.only?.length || matchesRuleFilter(f.rule, opts.only)) findings.push(f);
    for (const f of found.failures) failures.push(`${step.name} failed: ${f}`);
  }
  findings.sort(compareFindings);
  return {
    findings,
    blocked: guardBlocks(findings, failures),
    countsByFamily: countsByFamily(findings),
    steps,
    failures,
    skipped: missingSteps(policy, available),
    filesChecked: result.filesChecked.length,
    scope: result.scope,
  };
}

/** The first step that can read production's database and applies to this policy. */
async function productionDatabaseOf(
  steps: readonly GuardStep[],
  context: GuardContext,
  env: Record<string, string | undefined>,
): Promise<Awaited<ReturnType<NonNullable<GuardStep['productionDatabase']>>>> {
  const step = steps.find((s) => s.productionDatabase && s.applies(context, env));
  return step?.productionDatabase ? step.productionDatabase(context, env) : {};
}

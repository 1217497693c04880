// The engine's run: the families given, then suppressions, waivers, severities, filters and the
// baseline over their findings. engine.ts runs it with every family; the agent gate with the
// families one tool call concerns, so that a hook judging a write to docs loads no migration rule.
import { applyBaseline } from './baseline/apply-baseline.js';
import { changeOwnFindings } from './change-own-findings.js';
import type { DatabasesRead } from './db/databases-read.js';
import type { ProductionDatabase } from './migrations/applied-history.js';
import { type ChangeSet, touchedPaths } from './change-set.js';
import { gitAsksOf } from './family-git-asks.js';
import { Workspace } from './workspace.js';
import type { CheckScope, NotJudged, SuppressedFinding } from './check-scope.js';
import type { Coverage } from './layouts/coverage.js';
import { countCoverage } from './layouts/coverage-count.js';
import type { FamilyRuns } from './family-runs.js';
import { compareFindings, type Finding } from './finding.js';
import { capFindings } from './finding-cap.js';
import type { PolicyDocument } from './policy/document.js';
import type { RepoView } from './repo.js';
import { SUP_RULES } from './rules/suppressions/rules.generated.js';
import type { CheckContext, Rule, RuleFamily, RuleMeta } from './rule.js';
import { matchesRuleFilter } from './rules/rule-filter.js';
import { nameBaseLocations } from './policy/extends/base-locations.js';
import { applySeverityOverrides } from './severity-overrides.js';
import { sha256Hex } from './deploy/sha256.js';
import { applySuppressions, type SuppressionRun } from './suppressions/apply.js';
import { applyPolicyWaivers, judgePolicyWaivers } from './suppressions/policy-waivers.js';
import { selfGrantedGuard } from './suppressions/self-granted.js';
import { type AgentWrittenLines, agentWrittenGuard, eitherRefuses } from './suppressions/agent-written.js';

export interface CheckOptions {
  /** The policy every rule is evaluated with (for a change: the base's, see governingPolicy). */
  policy: PolicyDocument;
  /** The change's own policy when another governs: the POL rules validate it and report its effect. */
  headPolicy?: PolicyDocument;
  repo: RepoView;
  change?: ChangeSet;
  /**
   * The deploy record as the deploying checkout holds it, when the tree judged is another commit
   * (promote's guard): what production runs, which decides the migrations already applied.
   * Default: the record in `repo`.
   */
  productionRecord?: string;
  /**
   * The baseline file's text as the deploying checkout holds it (null: it has none), when the
   * tree judged is another commit (promote's guard): a shipped commit must not accept its own
   * findings by growing the baseline it carries. Default: the baseline in `repo`.
   */
  productionBaseline?: string | null;
  /**
   * Promote's guard: the shipped tree's `slipway: allow` comments an agent's commit wrote since
   * production's last good deploy (or whose statement it rewrote), by the comment's line, each
   * with why it lifts nothing (suppressions/agent-written.ts).
   */
  agentWrittenLines?: AgentWrittenLines;
  /**
   * The production database's `alembic_version`, when the host read it (the guard, with
   * `migrations.databases` and its URL): what it holds has run there, after the record decides.
   */
  productionDatabase?: ProductionDatabase;
  /**
   * The databases `slipway db audit` read (their facts and the repository's revision graph):
   * the DB family's input, run with `families: [databaseFamily]` (database-audit.ts).
   */
  databases?: DatabasesRead;
  now?: Date;
  env?: Readonly<Record<string, string | undefined>>;
  /** Only report these rules: ids (`MIG001`) or family prefixes (`MIG`). Empty: all. */
  only?: readonly string[];
  /** Families to run (default: all). */
  families?: readonly RuleFamily[];
  /** A native SHA-256 (hex) for the audit-log chain; default: policy-core's pure one. */
  sha256?: (text: string) => string;
  /** The repository's caches, kept by the host between checks (one per repository). */
  workspace?: Workspace;
  /**
   * What each family read on its last check of this repository (family-runs.ts): a family whose
   * inputs did not change is not run again. For hosts that re-check one repository often.
   */
  familyRuns?: FamilyRuns;
  /**
   * `apply` (default): findings the baseline file holds (read from the change's base, or the
   * tree) are left out and counted in `scope.baseline`. `record`: no baseline and no per-file
   * cap, every finding: what `slipway baseline` fingerprints.
   */
  baseline?: 'apply' | 'record';
  /** A finding the base had in lines the change did not touch: left out (change-own-findings.ts), or reported (the editor). */
  onBase?: 'leave-out' | 'report';
}

export interface CheckResult {
  findings: Finding[];
  /** Files the rules read, the policy file included. */
  filesChecked: string[];
  /**
   * Rule families that threw (a bug, or an input no limit foresaw): their findings are missing,
   * every other family's are here. A host says so and fails (the CLI exits 2); the editor keeps
   * showing the rest.
   */
  failures: FamilyFailure[];
  /** What was judged and what was deliberately not (applied migrations), said in every summary. */
  scope: CheckScope;
  /**
   * The baseline file could not be read as one (bad JSON, wrong schema or version, too big): one
   * line with its place and what to do. Every finding is then reported; a host fails the run.
   */
  baselineProblem?: string;
}

export interface FamilyFailure {
  family: RuleFamily['id'];
  message: string;
  /** The thrown error, for a host's debug log. */
  error: unknown;
}

/** One line for a person: which rules are missing and what to do. */
export function describeFailure(f: FamilyFailure): string {
  return `the ${f.family} rules failed (${f.message}); their findings are missing, the other rules were checked`;
}

/**
 * The rules a run applies: its families, and what it knows of each rule a suppression may name
 * (whether a comment may lift it, its family). `runCheck` (engine.ts) gives every family and every
 * rule; the agent gate only the families a tool call concerns, loaded on demand.
 */
export interface RunRules {
  families: readonly RuleFamily[];
  known: ReadonlyMap<string, KnownRule>;
}

/** What a run knows of a rule a suppression names: whether a comment may lift it, its family. */
export type KnownRule = Pick<RuleMeta, 'suppressible' | 'family'>;

/** Each rule a suppression may name, by id: `others`, then the families' own (a test's stand-ins). */
export function knownRules(
  families: readonly RuleFamily[],
  others: Iterable<KnownRule & { id: string }>,
): Map<string, KnownRule> {
  const map = new Map<string, KnownRule>();
  for (const r of others) map.set(r.id, r);
  for (const family of families) for (const r of family.rules) map.set(r.id, r);
  return map;
}

/** The context every family judges, made of a check's options. */
export function checkContextOf(options: CheckOptions): CheckContext {
  return {
    policy: options.policy,
    ...(options.headPolicy ? { headPolicy: options.headPolicy } : {}),
    repo: options.repo,
    change: options.change,
    ...(options.productionRecord !== undefined ? { productionRecord: options.productionRecord } : {}),
    ...(options.productionDatabase ? { productionDatabase: options.productionDatabase } : {}),
    ...(options.databases ? { databases: options.databases } : {}),
    now: options.now ?? new Date(),
    env: options.env ?? {},
    ...(options.sha256 ? { sha256: options.sha256 } : {}),
    // Without the host's, this run's own: a run never falls back to caches shared by repositories.
    workspace: options.workspace ?? new Workspace(),
  };
}

/**
 * Runs the given rule families over the inputs, then applies what the policy and the files say
 * about the results: `rules:` severity overrides and `off`, suppression comments, and `--rule`
 * filters. The SUP rules judge the suppressions themselves.
 */
export function runFamilies(options: CheckOptions, rules: RunRules): CheckResult {
  const ctx = checkContextOf(options);
  const { families, known } = rules;
  // The files the rules will read at base, fetched with the first one a rule reads there, in one
  // git process, not one each (a host that answered them ahead has them already).
  if (options.change?.expectBase) {
    const atBase = gitAsksOf(ctx, families).base;
    if (atBase.length > 0) options.change.expectBase(atBase);
  }
  let findings: Finding[] = [];
  const checked = new Set<string>([options.policy.file]);
  if (options.headPolicy) checked.add(options.headPolicy.file);
  const failures: FamilyFailure[] = [];
  const notJudged: NotJudged[] = [];
  const scopeNotes: string[] = [];
  const coverage: Coverage = { judged: {} };
  const readBy = new Map<string, readonly string[]>();
  for (const family of families) {
    let result: ReturnType<RuleFamily['check']>;
    try {
      result = options.familyRuns ? options.familyRuns.check(family, ctx) : family.check(ctx);
    } catch (error) {
      // One family's crash must not take every other finding with it (the editor would go blank).
      failures.push({
        family: family.id,
        message: error instanceof Error ? error.message : String(error),
        error,
      });
      continue;
    }
    for (const f of result.findings) findings.push(f);
    for (const file of result.filesChecked) checked.add(file);
    readBy.set(family.id, result.filesChecked);
    if (result.notJudged) notJudged.push(...result.notJudged);
    if (result.scopeNotes) scopeNotes.push(...result.scopeNotes);
    countCoverage(coverage, family.id, result);
    if (result.unjudged) coverage.notJudged = [...(coverage.notJudged ?? []), ...result.unjudged];
  }
  const { kept, run, suppressed } = applySuppressions(
    findings,
    checked,
    // The governing policy's own text: a suppression in it is the base's, not one the change wrote.
    (f) => (f === options.policy.file ? options.policy.text : options.repo.readFile(f)),
    known,
    {
      // On an agent's change, a suppression the change wrote itself lifts nothing; at promote,
      // neither does one an agent's commit wrote since the last good deploy.
      refuse: eitherRefuses(
        selfGrantedGuard(options.policy, options.change),
        options.agentWrittenLines && agentWrittenGuard(options.agentWrittenLines),
      ),
      now: ctx.now,
      ...(options.policy.policy.max_waiver_days !== undefined
        ? { maxWaiverDays: options.policy.policy.max_waiver_days }
        : {}),
    },
  );
  // Then the governing policy's `waivers:` list, over what the comments left.
  const policyWaivers = judgePolicyWaivers(options.policy, ctx.now);
  const waived = applyPolicyWaivers(kept, policyWaivers, known);
  run.policyWaivers = policyWaivers;
  suppressed.push(...waived.suppressed);
  findings = [...waived.kept, ...(SUP_RULES as readonly Rule<SuppressionRun>[]).flatMap((r) => r.check(run))];
  findings = applySeverityOverrides(findings, options.policy.policy.rules);
  const only = options.only ?? [];
  if (only.length) findings = findings.filter((f) => matchesRuleFilter(f.rule, only));
  // What the comments lifted, as the policy's severities and the --rule filter would show it.
  const lifted: SuppressedFinding[] = [];
  for (const s of suppressed) {
    const [finding] = applySeverityOverrides([s.finding], options.policy.policy.rules);
    if (finding && (only.length === 0 || matchesRuleFilter(finding.rule, only)))
      lifted.push({ ...s, finding });
  }
  lifted.sort((a, b) => compareFindings(a.finding, b.finding));
  // Sorted before the baseline: its occurrence counters go in file order, and a sorted list
  // spares it a sort of its own.
  findings.sort(compareFindings);
  const baseline =
    options.baseline === 'record'
      ? undefined
      : applyBaseline({
          policy: options.policy,
          repo: options.repo,
          ...(options.change ? { change: options.change } : {}),
          ...(options.productionBaseline !== undefined ? { checkoutText: options.productionBaseline } : {}),
          findings,
          sha256: options.sha256 ?? sha256Hex,
          judged: (rule) => only.length === 0 || matchesRuleFilter(rule, only),
        });
  if (baseline) {
    findings = baseline.findings;
    scopeNotes.push(...baseline.notes);
    if (baseline.read) checked.add(baseline.read);
  }
  if (options.change && options.baseline !== 'record' && options.onBase !== 'report') {
    const { change: c, sha256 = sha256Hex } = options;
    const own = changeOwnFindings({ findings, families, ctx, change: c, sha256, read: readBy });
    findings = own.findings;
    scopeNotes.push(...own.notes);
  }
  // A value only a shared base wrote is located at `extends:`: say which base.
  findings = nameBaseLocations(findings, options.policy);
  // The baseline needs every finding, each one its own fingerprint: no summary standing for the rest.
  if (options.baseline !== 'record') findings = capFindings(findings);
  // The changed files were checked too (against protected paths and the agent allow-list) even
  // though rules do not read them; they count here, but not above, where a suppression comment
  // written into a changed file must not lift a PATH finding.
  if (options.change) for (const p of touchedPaths(options.change)) checked.add(p);
  const { change } = options;
  const scope: CheckScope = {
    judged: change
      ? {
          kind: 'change',
          base: change.base,
          // The branch reads better than its SHA, when the change knows it.
          head: change.branch ?? change.head,
          files: change.files.length,
        }
      : { kind: 'tree' },
    notJudged,
    notes: scopeNotes,
    ...(baseline?.scope ? { baseline: baseline.scope } : {}),
    ...(lifted.length ? { suppressed: lifted } : {}),
    coverage,
  };
  return {
    findings,
    filesChecked: [...checked].sort(),
    failures,
    scope,
    ...(baseline?.problem ? { baselineProblem: baseline.problem } : {}),
  };
}

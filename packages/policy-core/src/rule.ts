import type { ChangeSet } from './change-set.js';
import type { GitAsks } from './git-asks.js';
import type { UnjudgedLayout } from './layouts/unjudged-layouts.js';
import type { NotJudged } from './check-scope.js';
import type { DatabasesRead } from './db/databases-read.js';
import type { Finding } from './finding.js';
import { flatString } from './flat-string.js';
import { FAMILY_DIRS, type RuleFamilyId } from './rule-family.js';
import type { PolicyDocument } from './policy/document.js';
import type { ProductionDatabase } from './migrations/applied-history.js';
import type { RepoView } from './repo.js';
import type { Workspace } from './workspace.js';
import type { RuleMeta } from './rule-meta.js';

export { FAMILY_DIRS, familyOfRuleId, type RuleFamilyId } from './rule-family.js';
export type {
  EditorTag,
  ExampleChange,
  ExampleCommit,
  RuleDocs,
  RuleExample,
  RuleMeta,
  TraceClaim,
} from './rule-meta.js';

/** Where a rule lives, relative to `src/rules/`: `migrations/MIG001-drop-table.ts`. */
export function ruleSourcePath(rule: Pick<AnyRule, 'id' | 'name' | 'family'>): string {
  return `${FAMILY_DIRS[rule.family]}/${rule.id}-${rule.name}.ts`;
}

/**
 * The one rule contract. A rule lives in `rules/<family-dir>/<id>-<name>.ts`, and that file says
 * everything about it: its docs, what trace measures, whether a comment may suppress it, which
 * steps it calls destructive, how editors mark it; no other file names its id. `pnpm gen-rules`
 * lists it in the registry (`rules/rule-list.generated.ts`). Its family builds `facts` once per
 * run (see `rules/<family-dir>/facts/`) and hands them to `check`, which returns findings at the default severity: the engine applies
 * `rules:` overrides, suppressions and `--rule` filters. Rules never import the engine.
 *
 * What the file says of the rule is `RuleMeta` (rule-meta.ts), each field documented there.
 * `Facts` is what `check` reads; `Out` is what it returns, a Finding (a DB rule's also says which
 * databases it is about: `Finding.databases`).
 */
export interface Rule<Facts = never, Out = Finding> extends RuleMeta {
  /** Method syntax on purpose: a list of rules of different facts is one `Rule[]`. */
  check(facts: Facts): Out[];
}

/** Any rule, whatever facts it reads: what the registry lists and renderers take. */
// biome-ignore lint/suspicious/noExplicitAny: facts differ per family; each runner knows its own.
export type AnyRule = Rule<any, unknown>;

/** Everything a family's facts are built from. Pure data: no I/O happens through it except RepoView. */
export interface CheckContext {
  /** The policy every rule is evaluated with: for a change, the one on its base (governingPolicy). */
  policy: PolicyDocument;
  /** The change's own policy when another governs; the POL family validates it and reports its effect. */
  headPolicy?: PolicyDocument;
  repo: RepoView;
  /** The change under review; absent when checking a tree as it is (editor, `--all`). */
  change?: ChangeSet;
  /** The deploy record to read what production runs from, when not the one in `repo` (CheckOptions). */
  productionRecord?: string;
  /** The production database's alembic_version, when the host read it (CheckOptions). */
  productionDatabase?: ProductionDatabase;
  /** The databases the audit read (CheckOptions), which the DB family judges; absent otherwise. */
  databases?: DatabasesRead;
  /** "Now", injected so that date rules are testable. */
  now: Date;
  /** Environment variables visible to the check (for `${VAR}` expansion and overrides). */
  env: Readonly<Record<string, string | undefined>>;
  /** SHA-256 (hex) of a text's UTF-8; a host with a native one passes it, else the pure one is used. */
  sha256?: (text: string) => string;
  /** The caches of the repository being checked, owned by the host (see workspace.ts). */
  workspace?: Workspace;
}

/**
 * One family's runner: builds the family's facts from the context once and hands them to each
 * of the family's rules. `rules` are the family's rules from the registry.
 */
export interface RuleFamily {
  id: RuleFamilyId;
  rules: readonly AnyRule[];
  /** Findings with default severities; the engine applies `rules:` overrides and suppressions. */
  check(ctx: CheckContext): FamilyResult;
  /**
   * What `check` will ask git, named before it runs (GitAsks), given what is known so far: asked
   * again after each answer, so a question that depends on an earlier answer (a file named in a
   * file read at base) is named once that answer is in.
   */
  gitAsks?(ctx: CheckContext): GitAsks;
}

export interface FamilyResult {
  findings: Finding[];
  /** Repo-relative files this family read; counted in summary.filesChecked and scanned for suppressions. */
  filesChecked: string[];
  /**
   * Those of `filesChecked` its rules only searched, beside what it judges as its own (the MIG family's
   * .sql files outside the migration folders, read by MIG121; a Drizzle journal): the coverage
   * line counts them apart, so "MIG 110" is not read as 110 migrations.
   */
  searched?: string[];
  /** Files it read but deliberately did not judge (migrations production already ran), and why. */
  notJudged?: NotJudged[];
  /** What a person should know about what it judged (check-scope.ts). */
  scopeNotes?: string[];
  /** The layouts present and judged by no family (the COV family's; coverage/). */
  unjudged?: UnjudgedLayout[];
}

/**
 * A finding of `rule` at its default severity: the one way a rule builds a finding. The message
 * is flattened once here (flat-string.ts): findings are kept between checks, and a message
 * built by concatenation would otherwise keep its pieces alive.
 */
export function findingOf(
  rule: Pick<AnyRule, 'id' | 'defaultSeverity'>,
  file: string,
  range: Finding['range'],
  message: string,
  related?: Finding['related'],
): Finding {
  return {
    rule: rule.id,
    severity: rule.defaultSeverity,
    message: flatString(message),
    file,
    range,
    ...(related?.length ? { related } : {}),
  };
}

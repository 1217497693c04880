import type { ChangeSet } from './change-set.js';
import type { NotJudged } from './check-scope.js';
import type { DatabasesRead } from './db/databases-read.js';
import type { Finding, Severity } from './finding.js';
import { flatString } from './flat-string.js';
import type { PolicyDocument } from './policy/document.js';
import type { MigrationDialect } from './policy/schema/migrations.js';
import type { ProductionDatabase } from './migrations/applied-history.js';
import type { SchemaOpKind } from './migrations/schema-op.js';
import type { RepoView } from './repo.js';
import type { Workspace } from './workspace.js';

export type RuleFamilyId =
  | 'PATH'
  | 'BR'
  | 'DEP'
  | 'MIG'
  | 'DB'
  | 'REC'
  | 'AUD'
  | 'UPD'
  | 'POL'
  | 'SUP'
  | 'AGT';

/** The folder of each family's rules under `src/rules/`. */
export const FAMILY_DIRS: Record<RuleFamilyId, string> = {
  POL: 'policy',
  PATH: 'paths',
  BR: 'branches',
  DEP: 'dependencies',
  MIG: 'migrations',
  DB: 'database',
  REC: 'deploy-record',
  AUD: 'audit-log',
  UPD: 'update',
  SUP: 'suppressions',
  AGT: 'agents',
};

/** The family prefix of a rule id: `MIG` for `MIG001`. */
export function familyOfRuleId(id: string): string {
  return id.replace(/\d+$/, '');
}

/** Where a rule lives, relative to `src/rules/`: `migrations/MIG001-drop-table.ts`. */
export function ruleSourcePath(rule: Pick<AnyRule, 'id' | 'name' | 'family'>): string {
  return `${FAMILY_DIRS[rule.family]}/${rule.id}-${rule.name}.ts`;
}

/** A short file a rule's documentation shows: one that it flags, or a near miss it leaves alone. */
export interface RuleExample {
  /** `flagged`: the rule reports it; `fine`: the rule stays silent (the fix, or a near miss). */
  verdict: 'flagged' | 'fine';
  /** The file the text stands for, e.g. `migrations/versions/0002_drop.py`. */
  file: string;
  text: string;
  /**
   * Other files of the repository the example needs, by path: the lock beside a requirements
   * file, the policy when the example turns on a setting, the deploy record beside the audit log.
   * Shown after the example, and run with it by the registry test.
   */
  beside?: Readonly<Record<string, string>>;
  /** The change under review, for rules that read one; shown as a line above the example. */
  change?: ExampleChange;
  /** Environment variables the check sees (the audit anchor, the updater's overrides). */
  env?: Readonly<Record<string, string>>;
  /**
   * What the example assumes beyond its files and change, in words: a commit git must know, what
   * an edit did. Files with comments may say it in their first line instead.
   */
  assumes?: string;
}

/** The parts of a change under review that an example can depend on. */
export interface ExampleChange {
  /** The branch under review. */
  branch: string;
  /** The labels the pull request carries (`[]`: none). */
  labels: readonly string[];
  /**
   * Every file the change adds or modifies (the example's own file only if listed); with `base`
   * given, a file that is not on the base is added.
   */
  files: readonly string[];
  /** Files as they are on the base, where the rule compares with them (the policy, the audit log). */
  base?: Readonly<Record<string, string>>;
  /** Files the base branch has added since the change forked from it (a migration merged meanwhile). */
  baseBranchAdded?: Readonly<Record<string, string>>;
  /** The change's commits, newest first, for rules that judge who made them and how. */
  commits?: readonly ExampleCommit[];
  /** Files the change deletes. */
  deleted?: readonly string[];
  /** Lines the change adds and removes (what `git diff --numstat` would total). */
  lines?: { added: number; removed: number };
}

/** One commit of an example's change; every commit is on the branch's first-parent line. */
export interface ExampleCommit {
  /** `Name <email>`. */
  author: string;
  /** `Name <email>`; the author when absent. */
  committer?: string;
  /** The whole message: subject, then the body with its trailers after a blank line. */
  message: string;
  /** The files it modifies. */
  files: readonly string[];
}

/**
 * A rule's documentation, in sections (ruff's "What it does / Why is this bad? / Example").
 * Every renderer (README table, `slipway explain`, hovers, SARIF, docs/rules) reads these.
 */
export interface RuleDocs {
  /** What it flags, in a sentence or two. */
  what: string;
  /** Why that matters: what goes wrong on deploy. */
  why: string;
  /** How to fix it. */
  fix: string;
  /** How to suppress one finding or configure the rule (comment syntax, policy key). */
  suppress: string;
  /** At least one `flagged` and one `fine` example, when the rule reads files people write. */
  examples: readonly RuleExample[];
}

/**
 * What `slipway trace` compares a finding with, on the statement at the finding's line:
 * - `blocks-writes`: the statement holds a SHARE lock or stronger when it ends (the lock rules);
 * - `rewrites-table`: it gives a table new storage (a new `relfilenode`);
 * - `rewrites-table-by-type`: the same, but whether it does depends on a column's real type, so a
 *   stand-in type (trace/stand-in-type.ts) measures nothing;
 * - `not-a-lock`: the claim is about transactions or compatibility, which locks do not show.
 */
export type TraceClaim = 'blocks-writes' | 'rewrites-table' | 'rewrites-table-by-type' | 'not-a-lock';

/** How an editor may mark a rule's findings beyond their severity (LSP `DiagnosticTag`). */
export type EditorTag =
  /** Dead text (a comment that does nothing): editors fade it out. */
  'unnecessary';

/**
 * The one rule contract. A rule lives in `rules/<family-dir>/<id>-<name>.ts`, and that file says
 * everything about it: its docs, what trace measures, whether a comment may suppress it, which
 * steps it calls destructive, how editors mark it; no other file names its id. `pnpm gen-rules`
 * lists it in the registry (`rules/rule-list.generated.ts`). Its family builds `facts` once per
 * run (see `rules/<family-dir>/facts/`) and hands them to `check`, which returns findings at the default severity: the engine applies
 * `rules:` overrides, suppressions and `--rule` filters. Rules never import the engine.
 *
 * `Facts` is what `check` reads; `Out` is what it returns, a Finding (a DB rule's also says which
 * databases it is about: `Finding.databases`).
 */
export interface Rule<Facts = never, Out = Finding> {
  /** `MIG001`: the family prefix and three digits. */
  id: string;
  /** Kebab-case name of what it flags, e.g. `drop-table`; the file is `<id>-<name>.ts`. */
  name: string;
  family: RuleFamilyId;
  defaultSeverity: Severity;
  /** Short title, e.g. "drop table in a migration". */
  title: string;
  docs: RuleDocs;
  /** The kind of facts `check` reads, e.g. `migration-file`; the family's runner dispatches on it. */
  facts: string;
  /**
   * The databases whose behaviour the rule describes (a migration rule about PostgreSQL's locks:
   * `['postgresql']`); the family runs it only when `migrations.dialect` is one. Absent: every database.
   */
  dialects?: readonly MigrationDialect[];
  /** What `slipway trace` measures to judge its findings; absent: trace does not judge them. */
  trace?: TraceClaim;
  /**
   * `false` when a `# slipway: allow` comment may not lift its findings (the rule judges the
   * change or the policy, which a comment in the changed file must not approve; the reason is
   * said beside it). Absent: a comment may.
   */
  suppressible?: false;
  /**
   * The migration steps whose data the rule's findings say are destroyed: the stamp's list of
   * destructive operations names the rule for each (generated into
   * `migrations/destructive-rules.generated.ts`).
   */
  destructive?: readonly SchemaOpKind[];
  /** How editors mark its findings beyond their severity. */
  editorTags?: readonly EditorTag[];
  /**
   * Why the registry test cannot run its doc examples (they need a database, git history…);
   * absent: they are run through the engine, a flagged one must report and a fine one must not.
   */
  examplesNotRun?: string;
  /**
   * Why it has no fixture cases (`fixtures/<ID>/trigger*`, `near-miss*`) and which tests cover it
   * instead; absent: the registry test requires both. Drop it once the cases exist (the test fails
   * while it is set beside them).
   */
  withoutFixtures?: string;
  /** Method syntax on purpose: a list of rules of different facts is one `Rule[]`. */
  check(facts: Facts): Out[];
}

/** Any rule, whatever facts it reads: what the registry lists and renderers take. */
// biome-ignore lint/suspicious/noExplicitAny: facts differ per family; each runner knows its own.
export type AnyRule = Rule<any, unknown>;

/** What renderers read: a rule without its check. */
export type RuleMeta = Omit<AnyRule, 'check'>;

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
}

export interface FamilyResult {
  findings: Finding[];
  /** Repo-relative files this family read; counted in summary.filesChecked and scanned for suppressions. */
  filesChecked: string[];
  /** Files it read but deliberately did not judge (migrations production already ran), and why. */
  notJudged?: NotJudged[];
  /** What a person should know about what it judged (check-scope.ts). */
  scopeNotes?: string[];
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

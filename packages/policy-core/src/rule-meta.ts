import type { Severity } from './finding.js';
import type { SchemaOpKind } from './migrations/schema-op.js';
import type { MigrationDialect } from './policy/schema/migrations.js';
import type { RuleFamilyId } from './rule-family.js';

// What a rule says about itself, without its check: what renderers read and what the modules
// below the rules (suppressions, the database audit's findings) need of a rule. The rule contract
// (rule.ts) adds the check.

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
 * A rule whose claim is not about what a statement does to the database's locks or storage (data
 * lost, no way back, the revision graph, SQL that cannot be read) declares none: a lock trace can
 * neither confirm nor contradict it, so trace leaves its findings out.
 */
export type TraceClaim = 'blocks-writes' | 'rewrites-table' | 'rewrites-table-by-type' | 'not-a-lock';

/** How an editor may mark a rule's findings beyond their severity (LSP `DiagnosticTag`). */
export type EditorTag =
  /** Dead text (a comment that does nothing): editors fade it out. */
  'unnecessary';

/**
 * A rule as renderers and the suppressions read it: everything its file says about it but its
 * check (rule.ts: `Rule`, which adds the check and documents the whole contract).
 */
export interface RuleMeta {
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
}

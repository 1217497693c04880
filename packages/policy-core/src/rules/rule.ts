import type { ChangeSet } from '../change-set.js';
import type { Finding, Severity } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import type { RepoView } from '../repo.js';
import type { Workspace } from '../workspace.js';

export type RuleFamilyId = 'PATH' | 'BR' | 'DEP' | 'MIG' | 'DB' | 'REC' | 'AUD' | 'UPD' | 'POL' | 'SUP';

/** What `slipway explain`, hovers and the docs say about a rule. */
export interface RuleMeta {
  id: string;
  family: RuleFamilyId;
  defaultSeverity: Severity;
  /** Short title, e.g. "drop table in a migration". */
  title: string;
  /** A paragraph: why it matters, what to do instead, how to suppress or configure. */
  description: string;
}

/** Everything a check may read. Pure data: no I/O happens through it except RepoView. */
export interface CheckContext {
  policy: PolicyDocument;
  repo: RepoView;
  /** The change under review; absent when checking a tree as it is (editor, `--all`). */
  change?: ChangeSet;
  /** "Now", injected so that date rules are testable. */
  now: Date;
  /** Environment variables visible to the check (for `${VAR}` expansion and overrides). */
  env: Readonly<Record<string, string | undefined>>;
  /** SHA-256 (hex) of a text's UTF-8; a host with a native one passes it, else the pure one is used. */
  sha256?: (text: string) => string;
  /** The caches of the repository being checked, owned by the host (see workspace.ts). */
  workspace?: Workspace;
}

/** One family of rules (PATH, DEP, MIG, …): its metadata and the function that checks it. */
export interface RuleFamily {
  id: string;
  rules: RuleMeta[];
  /** Findings with default severities; the engine applies `rules:` overrides and suppressions. */
  check(ctx: CheckContext): FamilyResult;
}

export interface FamilyResult {
  findings: Finding[];
  /** Repo-relative files this family read; counted in summary.filesChecked and scanned for suppressions. */
  filesChecked: string[];
}

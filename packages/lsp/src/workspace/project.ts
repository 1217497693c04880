import {
  describeFailure,
  FamilyRuns,
  type ChangedFile,
  type PolicyDocument,
  runCheck,
  Workspace,
} from '@slipway/policy-core';
import { RepoGitFacts, nativeSha256 } from '@slipway/policy-core/node';
import { readChangeUnderReview } from './change-under-review.js';
import { type KeptParse, KeptPolicy } from './kept-policy.js';
import { withWithheldBase } from './withheld-base.js';
import { type EditorChange, KeptGoverningPolicy, readEditorChange } from './editor-policy.js';
import {
  type CheckState,
  type ComputedState,
  errorText,
  groupByFile,
  ungovernedState,
} from './check-state.js';
import { IgnoredPaths } from './ignored-paths.js';
import { OverlayRepo } from './overlay-repo.js';
import { PolicyFileChoice } from './policy-file-choice.js';
import { sqlParserReady } from './sql-parser.js';
import { ChangeWithWorking, dirtyBuffers, workingTreeChanges } from './working-tree.js';
import { diskReader, listRepoFiles } from './repo-files.js';
import { withUnread } from './unread-files.js';

/** What a project needs from the editor's open buffers and log. */
export interface ProjectHost {
  openText(root: string, path: string): string | undefined;
  openPaths(root: string): Iterable<string>;
  openVersion(root: string, path: string): number | undefined; // diagnostics name the version they were computed from
  log(line: string): void;
  fetchBases(): boolean; // false in Restricted Mode: git and npm bases from the verified cache only (KeptPolicy)
}

/**
 * One repository open in the editor: its file list, policy, change set and the last check.
 * Everything is cached and invalidated by events (edits, watched files, HEAD moves), so a pull
 * after a keystroke re-runs only the rule families that read what changed (familyRuns).
 */
export class Project {
  readonly repo: OverlayRepo;
  /** Paths git ignores: changes to them start no check. */
  readonly ignored: IgnoredPaths;
  /** This repository's caches (migrations, dependency files), reused across checks. */
  readonly workspace = new Workspace();
  /** What each rule family read on the last check: an edit re-runs only those that read it. */
  familyRuns = new FamilyRuns();
  // Kept while their inputs are the same objects: FamilyRuns compares the policy and change by identity.
  private readonly governing = new KeptGoverningPolicy();
  private readonly changeWith = new ChangeWithWorking();
  private filesStale = true;
  private changeStale = true;
  /** The change under review and the policy files on its base, read together (readEditorChange). */
  private reviewed: EditorChange | undefined;
  private lastNotice: string | undefined;
  private working: ChangedFile[] = [];
  private workingStale = true;
  private changeBranch: string | undefined;
  private refreshing: Promise<void> | undefined;
  private readonly parsed = new KeptPolicy(() => this.host.fetchBases());
  private state: CheckState | undefined;
  /** Bumped whenever anything the check reads may have changed. */
  generation = 0;
  /** The `slipway.policyFile` setting, else the default names. */
  private readonly policyChoice: PolicyFileChoice;

  constructor(
    readonly root: string,
    readonly isGit: boolean,
    private readonly host: ProjectHost,
    /** A policy's folder below the repository's top: its files, checked as a tree (no change set). */
    readonly nested = false,
  ) {
    this.ignored = new IgnoredPaths(root, isGit, host.log, (counted) => {
      if (counted.some((p) => host.openText(root, p) !== undefined)) this.buffersChanged(true);
    });
    // A buffer git ignores (or may: being asked) is not part of the repository the rules see.
    this.repo = new OverlayRepo(
      [],
      (p) => (this.ignored.hides(p) ? undefined : host.openText(root, p)),
      () => [...host.openPaths(root)].filter((p) => !this.ignored.hides(p)),
      diskReader(root),
      isGit ? new RepoGitFacts(root) : undefined,
    );
    this.policyChoice = new PolicyFileChoice(this.repo, nested);
  }

  /** The ignored ones among `paths` (what git lists is never ignored; the rest, git is asked). */
  async ignoredAmong(paths: readonly string[]): Promise<Set<string>> {
    return this.ignored.among(paths.filter((p) => !this.repo.isListed(p)));
  }

  /** A buffer inside this project changed, opened or closed. */
  buffersChanged(openSetChanged: boolean): void {
    if (openSetChanged) this.repo.openSetChanged();
    this.touch();
  }

  /** A file changed on disk (outside the editor, or saved). */
  diskChanged(path: string, kind: 'created' | 'changed' | 'deleted'): void {
    this.repo.forgetDisk(path);
    if (path === '.gitignore' || path.endsWith('/.gitignore')) {
      this.ignored.forget();
      this.filesStale = true;
    }
    if (kind !== 'changed') this.filesStale = true;
    this.workingStale = true;
    this.touch();
  }

  /** The index changed (`git add`, `git reset`): staged files feed the change set's working part. */
  indexChanged(): void {
    this.workingStale = true;
    this.touch();
  }

  /** HEAD, a branch ref or packed-refs moved (checkout, commit, reset): the change set and any file changed. */
  headChanged(): void {
    this.changeStale = true;
    this.filesStale = true;
    this.workingStale = true;
    this.repo.forgetDisk();
    this.ignored.forget();
    if (this.isGit) this.repo.git = new RepoGitFacts(this.root);
    this.touch();
  }

  /** Forget everything (the Revalidate command). */
  reset(): void {
    this.headChanged();
    this.parsed.forget();
    this.familyRuns = new FamilyRuns();
  }

  private touch(): void {
    this.state = undefined;
    this.generation++;
  }

  /** Brings the file list and change set up to date, the parsers loading meanwhile; concurrent callers share one refresh. */
  async refresh(): Promise<void> {
    const parsers = sqlParserReady(this.host.log);
    // A refresh in flight has already cleared the stale flags: wait for it, never read half of it.
    while (this.refreshing || this.filesStale || this.workingStale || this.needsChange()) {
      this.refreshing ??= this.doRefresh().finally(() => {
        this.refreshing = undefined;
      });
      await this.refreshing;
    }
    await parsers;
  }

  private needsChange(): boolean {
    if (!this.isGit || this.nested) return false;
    const doc = this.policy().document;
    return doc !== undefined && (this.changeStale || doc.policy.production_branch !== this.changeBranch);
  }

  private async doRefresh(): Promise<void> {
    if (this.filesStale) {
      this.filesStale = false;
      try {
        this.repo.setFiles(await listRepoFiles(this.root, this.isGit));
      } catch (err) {
        this.host.log(`cannot list the files of ${this.root}: ${(err as Error).message}`);
      }
      this.touch();
    }
    if (this.workingStale) {
      this.workingStale = false;
      this.working = this.isGit && !this.nested ? await workingTreeChanges(this.root).catch(() => []) : [];
      this.touch();
    }
    const doc = this.policy().document;
    if (doc && this.needsChange()) {
      this.changeStale = false;
      this.changeBranch = doc.policy.production_branch;
      this.reviewed = await readEditorChange(
        this.root,
        doc,
        (branch) => readChangeUnderReview(this.root, branch, this.host.log),
        (line) => this.host.log(line),
      );
      this.touch();
    }
  }

  /** Uses the policy file the settings name (undefined or '': the default names). */
  usePolicyFile(path: string | undefined): void {
    if (this.policyChoice.use(path)) this.touch();
  }

  /** Whether the settings name a policy file other than the default names. */
  hasPolicyOverride(): boolean {
    return this.policyChoice.overridden();
  }

  /** The policy file's repo path (PolicyFileChoice). */
  policyFile(): string | undefined {
    return this.policyChoice.file();
  }

  /** The change under review as last read (undefined outside git or without a change set). */
  reviewedChange(): EditorChange['change'] | undefined {
    return this.reviewed?.change;
  }

  /** The parsed policy, when it is valid. */
  policyDocument(): PolicyDocument | undefined {
    return this.policy().document;
  }

  private policy(): KeptParse & { file?: string } {
    const file = this.policyFile();
    if (file === undefined) return { findings: [] };
    return { ...this.parsed.ofFile(file, this.repo), file };
  }

  /** The current findings; call `refresh()` first for an up-to-date file list and change set. */
  check(): CheckState {
    if (this.state) return this.state;
    // The versions of the texts this check reads, taken with them: a report built after an
    // await must not name a newer version than the text its findings came from.
    const versions = new Map<string, number>();
    for (const path of this.repo.openPaths()) {
      const version = this.host.openVersion(this.root, path);
      if (version !== undefined) versions.set(path, version);
    }
    this.state = { ...withUnread(this.computeState(), this.repo.unreadFiles()), versions };
    return this.state;
  }

  /** Whether the policy file is open in the editor, where its own diagnostics show what is wrong. */
  policyFileOpen(): boolean {
    return this.host.openText(this.root, this.policyFile() ?? '') !== undefined;
  }

  private computeState(): ComputedState {
    const parsed = this.policy();
    if (parsed.file === undefined) return { kind: 'no-policy', findings: [], byFile: new Map() };
    if (!parsed.document) {
      return {
        kind: 'invalid-policy',
        policyFile: parsed.file,
        findings: parsed.findings,
        byFile: groupByFile(parsed.findings),
      };
    }
    const decided = this.governing.of(parsed.document, this.reviewed);
    if (!decided.ok) return ungovernedState(parsed.file, decided.message);
    const { notice, document, head } = decided.policy;
    if (notice && notice !== this.lastNotice) this.host.log(notice);
    this.lastNotice = notice;
    try {
      const change =
        this.reviewed && this.changeWith.of(this.reviewed.change, this.working, dirtyBuffers(this.repo));
      const result = runCheck({
        policy: document,
        ...(head ? { headPolicy: head } : {}),
        repo: this.repo,
        change,
        env: process.env,
        sha256: nativeSha256,
        workspace: this.workspace,
        familyRuns: this.familyRuns,
        onBase: 'report', // diagnostics show what each file holds, the base's findings too
      });
      for (const f of result.failures) this.host.log(`check: ${describeFailure(f)}: ${errorText(f.error)}`);
      const findings = withWithheldBase(result.findings, parsed.document, parsed.withheld);
      return {
        kind: 'ok',
        policyFile: parsed.file,
        findings,
        byFile: groupByFile(findings),
        filesChecked: result.filesChecked.length,
        ...(result.failures.length > 0 ? { failed: result.failures.map(describeFailure) } : {}),
      };
    } catch (err) {
      // Outside the rules (the change set, the repository view): say so once and show nothing.
      this.host.log(`check failed: ${errorText(err)}`);
      return { kind: 'failed', message: (err as Error).message, findings: [], byFile: new Map() };
    }
  }
}

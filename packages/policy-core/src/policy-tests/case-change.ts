import { judgeLabelAppliers, type LabelApplier } from '../agents/label-appliers.js';
import type { ChangedFile, ChangeSet, Commit, Person } from '../change-set.js';
import type { PolicyDocument } from '../policy/document.js';
import { POLICY_FILES } from '../policy/policy-files.js';
import { MemoryRepo } from '../repo.js';
import { type CaseChangeInput, type CaseFileEntry, FILE_STATUSES } from './test-file-schema.js';

/** The commit a case's change starts from, and the person who writes a change no case names. */
export const CASE_BASE = '0'.repeat(40);
export const DEFAULT_PERSON = 'Test Person <person@example.com>';

/** What the engine is given for one case: the same values a check builds from git and disk. */
export interface CaseInputs {
  /** The tree after the change: the policy, the files the case names, nothing else. */
  repo: MemoryRepo;
  change: ChangeSet;
  /**
   * The policy file's text after the change, when the case changes it with `contents:` (the
   * head's policy, which POL rules validate); null when the change deletes it.
   */
  headPolicyText?: string | null;
  /** Every path the case describes (touched, or given as unchanged), the policy file aside. */
  described: ReadonlySet<string>;
  /** The described paths whose text the case gives (`contents:`, `unchanged:`). */
  withText: ReadonlySet<string>;
}

/**
 * A case's change as the ChangeSet the git adapter would read and the tree it would check: the
 * changed files with their text (empty when the case gives none; absent when deleted), the
 * unchanged files it names, and the policy under test, which is both the base's policy (it
 * governs) and the head's unless the case changes it. Labels go through the same judgement of
 * who applied them as GitHub's answer does (`labels.verify: github`).
 */
export function caseInputs(policy: PolicyDocument, input: CaseChangeInput): CaseInputs {
  const head = new Map<string, string>([[policy.file, policy.text]]);
  const base = new Map<string, string>([[policy.file, policy.text]]);
  const described = new Set<string>();
  const withText = new Set<string>();
  for (const [path, text] of Object.entries(input.unchanged ?? {})) {
    head.set(path, text);
    base.set(path, text);
    described.add(path);
    withText.add(path);
  }
  const files: ChangedFile[] = [];
  let headPolicyText: string | null | undefined;
  for (const entry of input.files) {
    const { file, contents, before } = changedFile(entry);
    files.push(file);
    described.add(file.path);
    if (file.oldPath !== undefined) described.add(file.oldPath);
    if (contents !== undefined) withText.add(file.path);
    // A file the case changes without saying how reads as empty; the policy file as it was.
    const isPolicy = file.path === policy.file;
    if (file.status === 'deleted') {
      head.delete(file.path);
      if (isPolicy) headPolicyText = null;
    } else {
      head.set(file.path, contents ?? (isPolicy ? policy.text : ''));
      if (isPolicy && contents !== undefined) headPolicyText = contents;
    }
    if (file.status === 'renamed' && file.oldPath !== undefined) head.delete(file.oldPath);
    const basePath = file.oldPath ?? file.path;
    if (before !== undefined) base.set(basePath, before);
    else if (file.status === 'added' && basePath !== policy.file) base.delete(basePath);
  }
  described.delete(policy.file);
  withText.delete(policy.file);
  const commits = caseCommits(input);
  const [newest] = commits;
  let change: ChangeSet = {
    base: CASE_BASE,
    head: newest ? newest.sha : CASE_BASE,
    files,
    ...(input.branch !== undefined ? { branch: input.branch } : {}),
    labels: (input.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name)),
    ...(input.pull_request
      ? {
          pullRequest: {
            number: input.pull_request.number ?? 1,
            ...(input.pull_request.author !== undefined ? { author: input.pull_request.author } : {}),
          },
        }
      : {}),
    commits,
    policyFilesAtBase: new Map(POLICY_FILES.map((f) => [f, f === policy.file ? policy.text : undefined])),
    readBase: (path) => base.get(path),
    ...(input.lines
      ? { lineStats: () => ({ added: input.lines?.added ?? 0, removed: input.lines?.removed ?? 0 }) }
      : {}),
  };
  change = labelsAsVerified(change, policy, input);
  return {
    repo: new MemoryRepo(head),
    change,
    ...(headPolicyText !== undefined ? { headPolicyText } : {}),
    described,
    withText,
  };
}

function changedFile(entry: CaseFileEntry): { file: ChangedFile; contents?: string; before?: string } {
  if (typeof entry === 'string') return { file: { status: 'modified', path: entry } };
  const status = FILE_STATUSES.find((s) => entry[s] !== undefined) ?? 'modified';
  const path = entry[status] as string;
  return {
    file: { status, path, ...(entry.from !== undefined ? { oldPath: entry.from } : {}) },
    ...(entry.contents !== undefined ? { contents: entry.contents } : {}),
    ...(entry.base !== undefined ? { before: entry.base } : {}),
  };
}

/** The case's commits as the git adapter gives them: newest first, each on the first-parent line. */
function caseCommits(input: CaseChangeInput): Commit[] {
  const written = input.commits ?? [{ author: input.author ?? DEFAULT_PERSON }];
  const shas = written.map((_, i) => (written.length - i).toString(16).padStart(40, 'c'));
  return written.map((c, i) => {
    const [subject = '', ...rest] = (c.message ?? 'change').split('\n');
    const body = [rest.join('\n').trim(), (c.trailers ?? []).join('\n')]
      .filter((part) => part !== '')
      .join('\n\n');
    return {
      sha: shas[i] as string,
      parents: [shas[i + 1] ?? CASE_BASE],
      author: personOf(c.author),
      committer: personOf(c.committer ?? c.author),
      subject,
      body,
      firstParent: true,
      ...(c.files ? { files: [...c.files] } : {}),
    };
  });
}

/** `Name <email>` (the schema checked the form). */
function personOf(text: string): Person {
  const m = /^(.*?)\s*<([^<>]*)>$/.exec(text.trim());
  return { name: m?.[1] ?? text, email: m?.[2] ?? '' };
}

/**
 * Under `labels.verify: github` a label counts only if someone other than the pull request's
 * author and the agent accounts applied it: the case says who did (`by:`), where the check asks
 * GitHub. A case without `pull_request:` is refused all its labels, as a check is without a
 * pull-request event.
 */
function labelsAsVerified(change: ChangeSet, policy: PolicyDocument, input: CaseChangeInput): ChangeSet {
  const labels = change.labels ?? [];
  if (policy.policy.labels?.verify !== 'github' || labels.length === 0) return change;
  if (change.pullRequest === undefined) {
    const reason =
      'labels.verify is github, and the case names no `pull_request:` whose events would say who applied it';
    return { ...change, labels: [], refusedLabels: labels.map((label) => ({ label, reason })) };
  }
  const appliers = new Map<string, LabelApplier>();
  for (const l of input.labels ?? [])
    if (typeof l !== 'string' && l.by !== undefined)
      appliers.set(l.name.toLowerCase(), { applied: true, by: l.by });
  return judgeLabelAppliers(change, policy, appliers);
}

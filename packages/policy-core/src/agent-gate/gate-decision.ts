import type { ChangedFile, ChangeSet } from '../change-set.js';
import {
  type CheckOptions,
  type CheckResult,
  type KnownRule,
  knownRules,
  runFamilies,
} from '../check-run.js';
import type { Finding } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import { prefetchFamilyAsks } from '../prefetch-family-asks.js';
import type { RepoView } from '../repo.js';
import { deletedFileWords } from '../rules/paths/facts/path-policy.js';
import { type PathRole, pathRoleReader } from '../rules/paths/facts/path-roles.js';
import { familyOfRuleId, type RuleFamily, type RuleFamilyId } from '../rule.js';
import { knownRuleIds } from '../rules/known-rule-ids.js';
import type { LoadableFamilyId } from '../rules/load-families.js';
import type { Workspace } from '../workspace.js';
import { findingReason, strictest, verdictOf, weighed } from './gate-reasons.js';
import type { ProposedWrite } from './proposed-write.js';
import { type AgentSession, sessionChange } from './session-change.js';
import type { GateDecision, GateReason } from './tool-call.js';
import { WritesOverlay } from './writes-overlay.js';

export interface GateInput {
  /** The governing policy: the base's, as for the pull request the session will become. */
  policy: PolicyDocument;
  /** The tree's own policy when another governs (the POL rules judge it). */
  headPolicy?: PolicyDocument;
  /** The tree as it is before the call (the working tree). */
  repo: RepoView;
  /** The branch against its base; undefined when git cannot say (no production branch yet). */
  committed: ChangeSet | undefined;
  /** Files changed since the branch's last commit: the session's edits so far. */
  working: readonly ChangedFile[];
  writes: readonly ProposedWrite[];
  /** What the policy does with each written path (`writtenRoles`), read once per call. */
  roles: ReadonlyMap<string, readonly PathRole[]>;
  /** The families `gateFamilyIds` names for those roles, loaded (rules/load-families.ts). */
  families: readonly RuleFamily[];
  session: AgentSession;
  workspace?: Workspace;
  now?: Date;
  env?: Readonly<Record<string, string | undefined>>;
  sha256?: (text: string) => string;
}

/** Families whose findings are about the change as a whole: counted for the call when it makes them. */
const CHANGE_WIDE = /^(AGT|BR)\d/;
/** Path rules: judged on the written path whether or not the change had it before. */
const PATH_RULE = /^PATH\d/;

/**
 * The engine's verdict on a tool call, as if the session's edits and this call were an agent's
 * change on the current branch under the base's policy. Refused: an error the call itself brings
 * (on a file it writes, or a cap it crosses) — findings the tree already had are not the call's,
 * so an agent may still edit a file to fix it. A path rule on a written file always counts: the
 * path is the call's. Unknown text where a rule reads the text is refused (the gate cannot judge
 * it); a rule family that fails refuses (fail closed).
 */
export function decideWrites(input: GateInput): GateDecision {
  const { policy, writes } = input;
  if (writes.length === 0) return { verdict: 'allow', reasons: [] };
  const { roles, families } = input;
  const after = check(input, families, writes);
  const reasons: GateReason[] = [];
  const verdicts = new Set<'ask' | 'deny'>();
  const add = (r: GateReason, v: 'ask' | 'deny') => {
    reasons.push(r);
    verdicts.add(v);
  };
  for (const f of after.failures)
    add(
      {
        ruleId: 'GATE',
        message: `the ${f.family} rules failed (${f.message}), so the call could not be judged`,
        instead: 'make the change by hand, or report the failure',
      },
      'deny',
    );
  for (const w of writes) {
    if (w.after !== undefined) continue;
    const read = (roles.get(w.path) ?? []).filter((r) => r.family !== 'PATH');
    if (read.length > 0)
      add(
        {
          ruleId: 'GATE',
          path: w.path,
          message: `\`${w.how}\` writes ${w.path}, whose text the policy's rules read (${read[0]?.text}), and Slipway cannot tell what it would write`,
          instead:
            'make this change with the file-editing tool, so that the text can be checked before it is written',
        },
        'deny',
      );
  }
  const written = new Set(writes.map((w) => w.path));
  const removed = writes.filter((w) => w.after === null).map((w) => w.path);
  // A path finding about a removed file sits at the policy line (nothing is left to open).
  const aboutRemoved = (f: Finding): string | undefined =>
    PATH_RULE.test(f.rule) && f.file === policy.file
      ? removed.find((p) => f.message.includes(deletedFileWords(p)))
      : undefined;
  // Files whose findings the writes bring too (a migration reading a written module's values).
  const judgedWith = new Set([...roles.values()].flatMap((list) => list.flatMap((r) => r.judgedWith ?? [])));
  const candidates = after.findings.filter(weighed).flatMap((f) => {
    if (written.has(f.file) || judgedWith.has(f.file) || CHANGE_WIDE.test(f.rule)) return [f];
    const path = aboutRemoved(f);
    return path === undefined ? [] : [{ ...f, file: path }];
  });
  const fresh = newFindings(candidates, input, families, written);
  const ruleOf = new Map(input.families.flatMap((family) => family.rules.map((r) => [r.id, r] as const)));
  for (const f of fresh) add(findingReason(f, policy, ruleOf.get(f.rule)), verdictOf(f));
  return { verdict: strictest(verdicts), reasons };
}

/** The tree with `writes` over it, the session's new (untracked) files listed. */
function overlay(input: GateInput, writes: readonly ProposedWrite[]): RepoView {
  const added = input.working.filter((f) => f.status === 'added').map((f) => f.path);
  return new WritesOverlay(input.repo, writes, added);
}

/** Families whose rules read text, by the id a path's role names. */
const TEXT_FAMILIES: ReadonlySet<string> = new Set<LoadableFamilyId>(['DEP', 'MIG', 'REC', 'AUD', 'UPD']);

/**
 * The families a call concerns: the change-wide ones (paths, caps, branches) always, and those
 * whose files it writes (a migration's, a dependency file's). The rest judge files the call
 * leaves as they are, and a tool call pays for none of them: not even to load them.
 */
export function gateFamilyIds(roles: ReadonlyMap<string, readonly PathRole[]>): LoadableFamilyId[] {
  const out = new Set<LoadableFamilyId>(['PATH', 'AGT', 'BR']);
  for (const list of roles.values())
    for (const role of list) if (TEXT_FAMILIES.has(role.family)) out.add(role.family as LoadableFamilyId);
  return [...out];
}

/** What the policy does with each path the call writes, read once per path. */
export function writtenRoles(input: Pick<GateInput, 'policy' | 'repo' | 'writes'>): Map<string, PathRole[]> {
  const roleOf = pathRoleReader(input.policy, input.repo);
  const out = new Map<string, PathRole[]>();
  for (const w of input.writes) if (!out.has(w.path)) out.set(w.path, roleOf(w.path));
  return out;
}

/**
 * The loaded families' rules as they are, every other rule by its id and family: its findings
 * cannot be in this run, so whether a comment may lift them does not arise.
 */
function gateKnownRules(families: readonly RuleFamily[]): ReadonlyMap<string, KnownRule> {
  const ids = [...knownRuleIds()].map((id) => ({ id, family: familyOfRuleId(id) as RuleFamilyId }));
  return knownRules(families, ids);
}

/** The families over the tree with `writes` over it (the call's, or none: the tree before it). */
function check(
  input: GateInput,
  families: readonly RuleFamily[],
  writes: readonly ProposedWrite[],
): CheckResult {
  return runFamilies(checkOptions(input, writes), { families, known: gateKnownRules(families) });
}

/** The tree with `writes` over it, and the session's change with them, as the rules read them. */
function checkOptions(input: GateInput, writes: readonly ProposedWrite[]): CheckOptions {
  // A write to a path the tree has modifies it, else adds it (before the call: the tree itself).
  const exists = (p: string) => input.repo.readFile(p) !== undefined;
  return {
    policy: input.policy,
    ...(input.headPolicy ? { headPolicy: input.headPolicy } : {}),
    repo: overlay(input, writes),
    change: sessionChange(input.committed, input.working, writes, input.session, exists),
    ...(input.workspace ? { workspace: input.workspace } : {}),
    ...(input.now ? { now: input.now } : {}),
    ...(input.env ? { env: input.env } : {}),
    ...(input.sha256 ? { sha256: input.sha256 } : {}),
  };
}

/**
 * Answers ahead, without blocking, what `decideWrites(input)` will ask git (the workflows and
 * local actions PATH004 reads at base, say): asked of the process that read the policy at base,
 * beside other work, instead of a git process each while the rules run. Asked for the tree with
 * the writes over it: what only the tree before them names (a workflow the call deletes) is read
 * as the rules run, as without this.
 */
export async function prefetchGateAsks(input: GateInput): Promise<void> {
  await prefetchFamilyAsks(checkOptions(input, input.writes), input.families);
}

/**
 * The candidates the call brings: every path finding on a written file, and the others unless
 * the tree before the call had the same one (the same rule on the same file, flagging the same
 * text). The check before the call runs only when there is something to compare.
 */
function newFindings(
  candidates: readonly Finding[],
  input: GateInput,
  families: readonly RuleFamily[],
  written: ReadonlySet<string>,
): Finding[] {
  const compared = candidates.filter((f) => !(PATH_RULE.test(f.rule) && written.has(f.file)));
  if (compared.length === 0) return [...candidates];
  const before = check(input, families, []);
  const had = new Map<string, number>();
  const beforeKey = keyer(input.repo);
  for (const f of before.findings) {
    const key = beforeKey(f);
    had.set(key, (had.get(key) ?? 0) + 1);
  }
  const afterKey = keyer(overlay(input, input.writes));
  return candidates.filter((f) => {
    if (PATH_RULE.test(f.rule) && written.has(f.file)) return true;
    const key = afterKey(f);
    const left = had.get(key) ?? 0;
    if (left === 0) return true;
    had.set(key, left - 1);
    return false;
  });
}

/**
 * A finding by what it flags, not where: rule, file and the flagged lines' text (at most 20),
 * spaces folded; a change-wide finding by its message. Each file is split once.
 */
function keyer(repo: RepoView): (f: Finding) => string {
  const split = new Map<string, string[] | undefined>();
  return (f) => {
    if (!split.has(f.file)) split.set(f.file, repo.readFile(f.file)?.split('\n'));
    const lines = split.get(f.file);
    if (lines === undefined || CHANGE_WIDE.test(f.rule)) return `${f.rule}\0${f.file}\0${f.message}`;
    const flagged = lines.slice(f.range.start.line, Math.min(f.range.end.line, f.range.start.line + 20) + 1);
    return `${f.rule}\0${f.file}\0${flagged.join('\n').replace(/\s+/g, ' ').trim()}`;
  };
}

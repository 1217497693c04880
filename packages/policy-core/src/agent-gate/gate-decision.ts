import type { ChangedFile, ChangeSet } from '../change-set.js';
import { type CheckResult, runCheck } from '../engine.js';
import type { Finding } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import type { RepoView } from '../repo.js';
import { deletedFileWords } from '../rules/paths/facts/path-policy.js';
import { type PathRole, pathRoleReader } from '../rules/paths/facts/path-roles.js';
import {
  agentCapFamily,
  auditLogFamily,
  branchFamily,
  dependencyFamily,
  deployRecordFamily,
  migrationFamily,
  pathFamily,
  updateFamily,
} from '../rules/families.js';
import type { RuleFamily, RuleFamilyId } from '../rule.js';
import type { Workspace } from '../workspace.js';
import { findingReason, strictest, verdictOf } from './gate-reasons.js';
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
  const { policy, repo, writes } = input;
  if (writes.length === 0) return { verdict: 'allow', reasons: [] };
  const exists = (p: string) => repo.readFile(p) !== undefined;
  const roles = writtenRoles(input);
  const families = familiesOf(roles);
  const after = check(
    input,
    families,
    overlay(input, writes),
    sessionChange(input.committed, input.working, writes, input.session, exists),
  );
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
  const candidates = after.findings
    .filter((f) => f.severity === 'error')
    .flatMap((f) => {
      if (written.has(f.file) || CHANGE_WIDE.test(f.rule)) return [f];
      const path = aboutRemoved(f);
      return path === undefined ? [] : [{ ...f, file: path }];
    });
  const fresh = newFindings(candidates, input, families, exists, written);
  for (const f of fresh) add(findingReason(f, policy), verdictOf(f));
  return { verdict: strictest(verdicts), reasons };
}

/** The tree with `writes` over it, the session's new (untracked) files listed. */
function overlay(input: GateInput, writes: readonly ProposedWrite[]): RepoView {
  const added = input.working.filter((f) => f.status === 'added').map((f) => f.path);
  return new WritesOverlay(input.repo, writes, added);
}

/** Families whose rules read text, by the id a path's role names. */
const TEXT_FAMILIES: Partial<Record<RuleFamilyId, RuleFamily>> = {
  DEP: dependencyFamily,
  MIG: migrationFamily,
  REC: deployRecordFamily,
  AUD: auditLogFamily,
  UPD: updateFamily,
};

/**
 * The families a call concerns: the change-wide ones (paths, caps, branches) always, and those
 * whose files it writes (a migration's, a dependency file's). The rest judge files the call
 * leaves as they are, and a tool call pays for none of them.
 */
export function gateFamilies(input: Pick<GateInput, 'policy' | 'repo' | 'writes'>): RuleFamily[] {
  return familiesOf(writtenRoles(input));
}

/** What the policy does with each path the call writes, read once per path. */
function writtenRoles(input: Pick<GateInput, 'policy' | 'repo' | 'writes'>): Map<string, PathRole[]> {
  const roleOf = pathRoleReader(input.policy, input.repo);
  const out = new Map<string, PathRole[]>();
  for (const w of input.writes) if (!out.has(w.path)) out.set(w.path, roleOf(w.path));
  return out;
}

function familiesOf(roles: ReadonlyMap<string, readonly PathRole[]>): RuleFamily[] {
  const out = new Set<RuleFamily>([pathFamily, agentCapFamily, branchFamily]);
  for (const list of roles.values())
    for (const role of list) {
      const family = TEXT_FAMILIES[role.family];
      if (family) out.add(family);
    }
  return [...out];
}

function check(
  input: GateInput,
  families: readonly RuleFamily[],
  repo: RepoView,
  change: ChangeSet,
): CheckResult {
  return runCheck({
    families,
    policy: input.policy,
    ...(input.headPolicy ? { headPolicy: input.headPolicy } : {}),
    repo,
    change,
    ...(input.workspace ? { workspace: input.workspace } : {}),
    ...(input.now ? { now: input.now } : {}),
    ...(input.env ? { env: input.env } : {}),
    ...(input.sha256 ? { sha256: input.sha256 } : {}),
  });
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
  exists: (path: string) => boolean,
  written: ReadonlySet<string>,
): Finding[] {
  const compared = candidates.filter((f) => !(PATH_RULE.test(f.rule) && written.has(f.file)));
  if (compared.length === 0) return [...candidates];
  const before = check(
    input,
    families,
    overlay(input, []),
    sessionChange(input.committed, input.working, [], input.session, exists),
  );
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

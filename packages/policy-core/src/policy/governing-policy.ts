import type { Finding } from '../finding.js';
import type { PolicyDocument } from './document.js';
import { parsePolicyText } from './parse.js';
import { POLICY_FILES } from './policy-files.js';
import { RULE_IDS } from '../rule-ids.generated.js';

/**
 * Which policy judges a change. A change must not be able to weaken the rules it is judged by:
 * with a base (a pull request, `--base`, the editor on a branch) the policy as it is on the
 * merge base governs, read from git; the head's own policy is only validated and its effect
 * reported (POL rules). Without a base (`--tree`) the tree's policy applies, unless the host
 * trusts another (promote's guard: the deploying checkout's, whose deploy: section is in use).
 */
export type GoverningSource = 'base' | 'head' | 'trusted';

export interface GoverningPolicy {
  /** What every rule is evaluated with. */
  document: PolicyDocument;
  source: GoverningSource;
  /** How a message names it: "slipway.yaml on the base (commit 1a2b3c4d5e6f)". */
  described: string;
  /** The head's own policy when another one governs: the POL rules validate it and report its effect. */
  head?: PolicyDocument;
  /** A line for the person running the check when the choice is not the usual one (first adoption). */
  notice?: string;
}

export interface GoverningInput {
  /** The head's valid policy: the working tree's or the `--head` commit's. */
  head: PolicyDocument;
  /** Where the head's policy was read, for messages: "the working tree", "commit 1a2b3c (the head)". */
  headWhere?: string;
  /**
   * The policy files as they are on the base (the merge base), read from git in one go: each of
   * POLICY_FILES to its text, undefined where absent. Absent: the change has no base (`--tree`).
   */
  base?: { sha: string; texts: ReadonlyMap<string, string | undefined> };
  /** A policy the host trusts more than the tree's own (promote's deploying checkout). */
  trusted?: { document: PolicyDocument; where: string };
  /**
   * Merges a base-commit policy over the bases it `extends:` (the host reads them: a repository
   * file as of the base commit, a pinned git file). Absent: a policy is used as written.
   */
  extend?: (doc: PolicyDocument) => { document: PolicyDocument } | { findings: Finding[] };
}

export type GoverningDecision = { ok: true; policy: GoverningPolicy } | { ok: false; message: string };

const short = (sha: string) => sha.slice(0, 12);

/**
 * The head has no policy file (the change deletes it): the base's governs, if it has a valid
 * one. Undefined when the base has none either (nothing governs: the host says to write one).
 */
export function governingWithoutHead(
  base: NonNullable<GoverningInput['base']>,
  extend?: GoverningInput['extend'],
): GoverningDecision | undefined {
  const file = POLICY_FILES.find((f) => base.texts.get(f) !== undefined);
  if (file === undefined) return undefined;
  const where = `${file} on the base (commit ${short(base.sha)})`;
  const parsed = parseExtended(base.texts.get(file) as string, file, extend);
  if (!parsed.document) return invalidBase(where, parsed.findings);
  return ok({
    document: parsed.document,
    source: 'base',
    described: where,
    notice: `the change's tree has no slipway.yaml or slipway.toml; ${where} governs it (${RULE_IDS.policySurfaceChanged} reports the deletion)`,
  });
}

/** Decides which policy governs; an invalid base policy is refused, never replaced by the head's. */
export function governingPolicy(input: GoverningInput): GoverningDecision {
  const { head } = input;
  const headWhere = input.headWhere ?? 'the working tree';
  if (input.trusted) {
    const { document, where } = input.trusted;
    return ok({
      document,
      source: 'trusted',
      described: `${document.file} of ${where}`,
      ...differs(head, document),
    });
  }
  if (!input.base) return ok({ document: head, source: 'head', described: `${head.file} of ${headWhere}` });
  const { sha, texts } = input.base;
  const file = POLICY_FILES.find((f) => texts.get(f) !== undefined);
  if (file === undefined) {
    // First adoption: the change that brings the policy in is judged by it; say so.
    return ok({
      document: head,
      source: 'head',
      described: `${head.file} of ${headWhere}`,
      notice: `first adoption: the base (commit ${short(sha)}) has no slipway.yaml or slipway.toml, so ${head.file} of ${headWhere} governs this change; from the next change on, the policy on the base does`,
    });
  }
  const where = `${file} on the base (commit ${short(sha)})`;
  const text = texts.get(file) as string;
  // The common case, a change that leaves the policy alone: the head's parse is the base's. Not
  // when it extends a base: a base file of the repository may differ between base and head.
  if (file === head.file && text === head.text && !head.extended)
    return ok({ document: head, source: 'base', described: where });
  const parsed = parseExtended(text, file, input.extend);
  if (!parsed.document) return invalidBase(where, parsed.findings);
  return ok({
    document: parsed.document,
    source: 'base',
    described: where,
    ...differs(head, parsed.document),
  });
}

/** The policy text parsed, and merged over its bases when the host can read them. */
function parseExtended(
  text: string,
  file: string,
  extend: GoverningInput['extend'],
): { document?: PolicyDocument; findings: readonly Finding[] } {
  const parsed = parsePolicyText(text, file);
  if (!parsed.document || !extend) return parsed;
  const extended = extend(parsed.document);
  return 'document' in extended ? { document: extended.document, findings: [] } : extended;
}

function invalidBase(where: string, findings: readonly Finding[]): GoverningDecision {
  const first = findings[0];
  const at = first ? `${first.file}:${first.range.start.line + 1}:${first.range.start.character + 1}: ` : '';
  return {
    ok: false,
    message: `${where} is invalid (${at}${first?.message ?? RULE_IDS.invalidPolicy}); a change is judged by the policy on its base and the head's is not used in its place: repair the policy on the base branch first`,
  };
}

function ok(policy: GoverningPolicy): GoverningDecision {
  return { ok: true, policy };
}

/** The head's policy, when it is not the same text as the governing one (there is an effect to report). */
function differs(head: PolicyDocument, governing: PolicyDocument): { head?: PolicyDocument } {
  return head.file === governing.file && head.text === governing.text ? {} : { head };
}

/**
 * What follows a decision when nothing named the change's base (no `--base`, no pull-request
 * event) and the head's own `production_branch` chose it. A change must not choose its base:
 * when the governing policy names another production branch, the change is read again against
 * that one (`reread`). A change with nothing in it (the merge base is the head: the production
 * branch, or its upstream, already has every commit of the head) has nothing to judge, which is
 * also what a head that names its own branch as the production branch gets; the run says so,
 * and which policy applied, instead of passing in silence.
 */
export function afterUnnamedBase(
  /** The production branch the change was read against. */
  readAgainst: string,
  policy: GoverningPolicy,
  change: { base: string; head: string },
): { reread: string } | { notice: string } | undefined {
  const branch = policy.document.policy.production_branch;
  if (policy.source === 'base' && branch !== readAgainst) return { reread: branch };
  if (change.base !== change.head) return undefined;
  return {
    notice: `no change to judge: \`${readAgainst}\`, the production branch, already has every commit of the head (commit ${short(change.head)}), and nothing names another base (--base, a pull request's base, a push's previous commit); the rules ran on the files as they are, with ${policy.described}; pass --base <ref> to judge commits`,
  };
}

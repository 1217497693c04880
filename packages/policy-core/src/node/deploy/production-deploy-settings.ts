import {
  DeployError,
  deploySettingDifferences,
  describeDifferences,
  type PolicyDocument,
  settingName,
} from '../../index.js';
import { parsePolicyText } from '../../policy/parse.js';
import { DEFAULT_PRODUCTION_BRANCH, POLICY_FILES } from '../../policy/policy-files.js';
import { basesAtCommit } from '../extends/read-base.js';
import { GitError } from '../git/run-git.js';
import { type OperationContext, say } from './operation.js';
import { ProductionBranchReader } from './production-branch-reader.js';

export { productionBranchHead } from './production-branch-reader.js';

/** Where the deploy settings in use were read: the production branch's policy at its head. */
export interface DeploySettingsSource {
  branch: string;
  /** The ref read: `refs/heads/<branch>`, or `refs/remotes/origin/<branch>` without a local one. */
  ref: string;
  commit: string;
  /** The policy file there. */
  file: string;
}

const short = (sha: string) => sha.slice(0, 12);

/** A branch's head and the policy file there (none: the branch has no policy yet). */
interface BranchPolicy {
  branch: string;
  ref: string;
  sha: string;
  file?: string;
  text?: string;
}

async function policyOnBranch(
  git: ProductionBranchReader,
  branch: string,
): Promise<BranchPolicy | undefined> {
  const head = await git.head(branch);
  if (!head) return undefined;
  const texts = await git.policyFiles(head.sha);
  const file = POLICY_FILES.find((f) => texts.get(f) !== undefined);
  return { branch, ...head, ...(file ? { file, text: texts.get(file) as string } : {}) };
}

const MAX_HOPS = 4;

type Refuse = (why: string, todo: string) => DeployError;

/**
 * Which branch is production, not chosen by the checkout alone: an agent's branch that names
 * itself as `production_branch` (and carries the same policy, committed) would otherwise be its
 * own authority. The search starts at the remote's default branch, then `main`, and only then at
 * the branch the checkout names, and follows each policy's `production_branch` to the branch
 * whose policy names itself. The first start with a policy decides; none with one: undefined.
 */
async function productionPolicy(
  root: string,
  git: ProductionBranchReader,
  checkout: PolicyDocument,
  refuse: Refuse,
): Promise<{ at: BranchPolicy & { file: string }; document: PolicyDocument } | undefined> {
  const named = checkout.policy.production_branch;
  const starts = [...new Set([await git.remoteDefaultBranch(), DEFAULT_PRODUCTION_BRANCH, named])];
  for (const start of starts) {
    if (start === undefined) continue;
    const first = await policyOnBranch(git, start);
    if (!first?.file) continue;
    let at: BranchPolicy = first;
    for (let hop = 0; ; hop++) {
      const file = at.file as string;
      const where = `${file} on ${at.branch} (commit ${short(at.sha)})`;
      const parsed =
        sameAsCheckout(checkout, at.text as string, file) ??
        parseExtended(root, at.sha, at.text as string, file);
      if ('problem' in parsed)
        throw refuse(
          `${where} is invalid (${parsed.problem}), and deploy settings are read only from the production branch's policy`,
          `repair the policy on ${at.branch} first`,
        );
      const next = parsed.document.policy.production_branch;
      if (next === at.branch) return { at: { ...at, file }, document: parsed.document };
      const following: BranchPolicy | undefined =
        hop < MAX_HOPS ? await policyOnBranch(git, next) : undefined;
      if (!following?.file)
        throw refuse(
          `${where} names ${next} as the production branch, and ${next} ${hop >= MAX_HOPS ? 'starts a loop of production branches' : following ? 'has no slipway.yaml or slipway.toml' : 'is neither a branch here nor origin/' + next}, so the deploy settings cannot be read from the production branch`,
          `fetch ${next} (git fetch origin ${next}), or correct production_branch on ${at.branch}`,
        );
      at = following;
    }
  }
  return undefined;
}

/**
 * The deploy settings a promote, rollback, unpin or watch may use come from the production
 * branch's policy, never from whatever is checked out: an agent's branch that edits `deploy:`
 * must not have a person run its command with production's credentials. Read from git (the
 * branch's head, merged over its `extends:` as of that commit) and compared with `checkout`, the
 * policy the run was given: the same (DEPLOY_SETTINGS), and the run goes on with them, said in
 * one line; different, unreadable or absent, and it is refused before anything runs or is
 * written, naming each differing line of the checkout's file and what to do. Nothing is silently
 * ignored: a legitimate edit is refused too, until it is merged.
 */
export async function deploySettingsFromProduction(
  root: string,
  checkout: PolicyDocument,
  /** The reader to ask, when the caller started it early (ProductionBranchReader.prefetch); closed here. */
  git: ProductionBranchReader = new ProductionBranchReader(root),
): Promise<DeploySettingsSource> {
  const named = checkout.policy.production_branch;
  const refuse: Refuse = (why, todo) =>
    new DeployError('config', `${why}; nothing was run or written: ${todo}`);
  try {
    const production = await productionPolicy(root, git, checkout, refuse);
    if (!production) {
      const line = `production_branch, ${checkout.file}:${checkout.locate(['production_branch']).start.line + 1}`;
      const head = await git.head(named);
      throw head
        ? refuse(
            `${named} (commit ${short(head.sha)}) has no slipway.yaml or slipway.toml, and deploy commands, URLs and health checks are read only from the production branch's policy`,
            `merge ${checkout.file} to ${named} first (a first deploy too), then run this again`,
          )
        : refuse(
            `the production branch ${named} (${line}) is neither a branch here nor origin/${named}, so the deploy settings cannot be read from it`,
            `fetch it (git fetch origin ${named}), or correct production_branch on it first`,
          );
    }
    const { at, document } = production;
    const differences = deploySettingDifferences(checkout, document);
    if (differences.length > 0) {
      const keys = [...new Set(differences.map((d) => settingName(d.path.slice(0, 1))))].join(', ');
      throw refuse(
        `the ${keys} settings of ${checkout.file} in this checkout differ from ${at.file} on ${at.branch} (commit ${short(at.sha)}), the only ones a deploy uses: ${describeDifferences(checkout.file, differences, at.branch)}`,
        `merge the change to ${at.branch} first (through its review), or run from a checkout of ${at.branch}`,
      );
    }
    return { branch: at.branch, ref: at.ref, commit: at.sha, file: at.file };
  } catch (err) {
    if (err instanceof GitError)
      throw new DeployError('git', `the production branch's policy could not be read: ${err.message}`);
    throw err;
  } finally {
    git.close();
  }
}

/**
 * The checkout's own document, when the branch's policy is the same file with the same text and
 * extends nothing (its bases at the commit could differ from the checkout's): parsed once, not
 * twice (the usual case: a promote runs from a checkout of the production branch). A policy's
 * reading is a function of its text and file alone.
 */
function sameAsCheckout(
  checkout: PolicyDocument,
  text: string,
  file: string,
): { document: PolicyDocument } | undefined {
  return checkout.extended === undefined && checkout.file === file && checkout.text === text
    ? { document: checkout }
    : undefined;
}

/** The policy text at `commit`, merged over its bases as they are at that commit. */
function parseExtended(
  root: string,
  commit: string,
  text: string,
  file: string,
): { document: PolicyDocument } | { problem: string } {
  const parsed = parsePolicyText(text, file);
  let findings = parsed.findings;
  if (parsed.document) {
    const extended = basesAtCommit(root, commit)(parsed.document);
    if ('document' in extended) return { document: extended.document };
    findings = extended.findings;
  }
  const f = findings[0];
  return { problem: f ? `${f.file}:${f.range.start.line + 1}: ${f.message}` : 'unreadable' };
}

/** The plan's line saying where the deploy settings come from. */
export function deploySettingsLine(source: DeploySettingsSource): string {
  return `deploy settings: ${source.file} on ${source.branch} (commit ${short(source.commit)}), the same as this checkout's`;
}

/**
 * For the flows that say no plan of their own (rollback, unpin): the check, then where the
 * settings come from as a plan line.
 */
export async function productionSettings(ctx: OperationContext): Promise<DeploySettingsSource> {
  const source = await deploySettingsFromProduction(ctx.root, ctx.doc);
  say(ctx, 'plan', deploySettingsLine(source));
  return source;
}

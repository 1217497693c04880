import { compareReleases, parseReleaseTag } from './semver-tag.js';
import type { UpdateConfig } from './update-config.js';
import { type UpdateState, countersToday } from './update-state.js';

/** What the updater found out before deciding (gathered by the CLI from git, gpg and disk). */
export interface UpdateFacts {
  /** `git status --porcelain` had entries (tracked or untracked, outside ignored files). */
  treeDirty: boolean;
  dirtyPaths?: readonly string[];
  /** What runs now: version.json, or HEAD when there is none. */
  current: { version: string | null; commit: string };
  /**
   * The remote still publishes the running release's tag, pointing at the running commit (on any
   * branch). It tells a channel that merely lags what runs (a stable channel behind a release
   * installed from main) from a remote that withdrew the running release (a rollback attack).
   */
  currentPublished: boolean;
  /** The newest release on the channel (tags) or the channel head (branch); undefined if none. */
  target?: { version: string | null; commit: string };
  /** The target commit is reachable from the channel branch on the remote. */
  onChannel: boolean;
  /** The current commit is an ancestor of the target (branch track: fast-forward only). */
  fastForward: boolean;
  signature: SignatureFact;
  /** Time of the last persistence save; null when none was found. */
  lastSaveAt: Date | null;
}

export type SignatureFact =
  | {
      status: 'good';
      fingerprints: readonly string[];
      /** An SSH signature whose key the allowed_signers_file lists for a principal. */
      sshPrincipal?: string;
    }
  | { status: 'missing' }
  | { status: 'bad'; detail: string }
  | { status: 'unknown-key'; detail: string };

export type BlockCode =
  | 'disabled'
  | 'circuit-open'
  | 'failure-limit'
  | 'attempt-limit'
  | 'dirty-tree'
  | 'stale-save'
  | 'no-release'
  | 'unsigned'
  | 'bad-signature'
  | 'signer-not-allowed'
  | 'rollback'
  | 'off-channel';

export interface BlockReason {
  code: BlockCode;
  message: string;
  /** A refusal that smells of tampering: it counts as a failure toward the circuit breaker. */
  countsAsFailure: boolean;
}

export interface UpdateDecision {
  update: boolean;
  /** The target is what runs now, or older than a release that runs: nothing to do, not an error. */
  upToDate: boolean;
  /** Why a target that is not what runs still counts as up to date (a newer release runs). */
  note?: string;
  reasons: BlockReason[];
}

const SECURITY: ReadonlySet<BlockCode> = new Set([
  'unsigned',
  'bad-signature',
  'signer-not-allowed',
  'rollback',
  'off-channel',
]);

/**
 * Whether to update, and every reason not to. Pure: the same inputs always give the same answer,
 * so the update rules (eligibility, rate limits, circuit breaker, signatures, anti-rollback)
 * are tested without git, gpg or a clock.
 */
export function decideUpdate(
  config: UpdateConfig,
  state: UpdateState,
  facts: UpdateFacts,
  now: Date,
): UpdateDecision {
  const reasons: BlockReason[] = [];
  const block = (code: BlockCode, message: string) =>
    reasons.push({ code, message, countsAsFailure: SECURITY.has(code) });
  const today = countersToday(state, now);

  if (!config.enabled) block('disabled', 'auto-update is disabled (enabled = false or BOT_AUTO_UPDATE=0)');
  if (state.circuit.open)
    block(
      'circuit-open',
      `the circuit is open since ${state.circuit.opened_at ?? 'an earlier failure'} (${state.circuit.reason ?? 'repeated failures'}); run \`slipway update reset --reason "..."\` after fixing the cause`,
    );
  else if (today.failures >= config.max_failures_per_day)
    block(
      'failure-limit',
      `${today.failures} failed update(s) today reached max_failures_per_day = ${config.max_failures_per_day}; run \`slipway update reset --reason "..."\``,
    );
  if (today.attempts >= config.max_attempts_per_day)
    block(
      'attempt-limit',
      `${today.attempts} update attempt(s) today reached max_attempts_per_day = ${config.max_attempts_per_day}; wait for the next UTC day`,
    );
  if (facts.treeDirty) {
    const some = (facts.dirtyPaths ?? []).slice(0, 3).join(', ');
    block(
      'dirty-tree',
      `the working tree has uncommitted changes${some ? ` (${some})` : ''}; commit or discard them first`,
    );
  }
  if (config.min_save_age_minutes !== undefined) {
    const limitMs = config.min_save_age_minutes * 60_000;
    if (facts.lastSaveAt === null)
      block('stale-save', 'no persistence save was found; the bot must save before an update');
    else if (now.getTime() - facts.lastSaveAt.getTime() > limitMs)
      block(
        'stale-save',
        `the last persistence save (${facts.lastSaveAt.toISOString()}) is older than min_save_age_minutes = ${config.min_save_age_minutes}`,
      );
  }

  const target = facts.target;
  if (!target) {
    block(
      'no-release',
      config.track === 'tags'
        ? `no vX.Y.Z tag is reachable from ${config.remote}/${config.channel}`
        : `the channel branch ${config.remote}/${config.channel} was not found`,
    );
    return { update: false, upToDate: false, reasons };
  }
  // Same commit: up to date, unless a higher release tag now names it (then record that tag).
  const sameRelease = target.version === null || target.version === facts.current.version;
  const upToDate = (note?: string): UpdateDecision => ({
    update: false,
    upToDate: true,
    ...(note ? { note } : {}),
    reasons: reasons.filter((r) => r.code !== 'dirty-tree' && r.code !== 'stale-save'),
  });
  if (target.commit === facts.current.commit && sameRelease) return upToDate();
  const newer = newerReleaseRuns(config, facts, target);
  if (newer) return upToDate(newer);

  checkOrdering(config, facts, target, block);
  if (!facts.onChannel)
    block(
      'off-channel',
      `${describe(target)} is not on ${config.remote}/${config.channel}; refusing a release from another branch`,
    );
  checkSignature(config, facts.signature, describe(target), block);
  return { update: reasons.length === 0, upToDate: false, reasons };
}

type Block = (code: BlockCode, message: string) => void;

const describe = (t: { version: string | null; commit: string }) => t.version ?? t.commit.slice(0, 12);

/**
 * "Skip the update if a newer version is already applied": the channel's newest release is
 * older than the one that runs, and the remote still publishes the running release where it ran
 * from (say, a stable channel that lags a release installed from main). Nothing is installed,
 * nothing counts. When the remote no longer publishes it, the same picture is a rollback attack
 * (the newer tag removed to push an old signed one) and checkOrdering refuses it.
 */
function newerReleaseRuns(
  config: UpdateConfig,
  facts: UpdateFacts,
  target: NonNullable<UpdateFacts['target']>,
): string | undefined {
  if (config.track !== 'tags' || !facts.currentPublished) return undefined;
  const cur = facts.current.version ? parseReleaseTag(facts.current.version) : undefined;
  const next = target.version ? parseReleaseTag(target.version) : undefined;
  if (!cur || !next || compareReleases(next, cur) >= 0) return undefined;
  return `newer than ${next.tag}, the newest release on ${config.remote}/${config.channel}`;
}

/** Anti-rollback: a validly signed but older release must never replace a newer one. */
function checkOrdering(
  config: UpdateConfig,
  facts: UpdateFacts,
  target: NonNullable<UpdateFacts['target']>,
  block: Block,
) {
  const cur = facts.current.version ? parseReleaseTag(facts.current.version) : undefined;
  const next = target.version ? parseReleaseTag(target.version) : undefined;
  if (config.track === 'tags' && !next) {
    block(
      'rollback',
      `${describe(target)} is not a vX.Y.Z release tag, so it cannot be ordered against the running version`,
    );
    return;
  }
  if (cur && next && compareReleases(next, cur) <= 0) {
    const same = compareReleases(next, cur) === 0;
    block(
      'rollback',
      same
        ? `the remote offers ${next.tag} at ${target.commit.slice(0, 12)} but ${cur.tag} runs ${facts.current.commit.slice(0, 12)}: a re-pointed tag is refused`
        : `the newest release offered, ${next.tag}, is older than the running ${cur.tag}: refusing a rollback (was a newer tag removed from the remote?)`,
    );
    return;
  }
  if (!facts.fastForward)
    block(
      'rollback',
      `${describe(target)} does not descend from the running commit ${facts.current.commit.slice(0, 12)}; only forward updates are applied`,
    );
}

function checkSignature(config: UpdateConfig, sig: SignatureFact, what: string, block: Block) {
  // A signature that does not verify means tampering whatever the config says.
  if (sig.status === 'bad') {
    block('bad-signature', `the signature on ${what} does not verify (${sig.detail}); refusing it`);
    return;
  }
  if (!config.require_signed_tags) return;
  if (sig.status === 'missing') block('unsigned', `${what} is not signed and require_signed_tags = true`);
  else if (sig.status === 'good' && sig.sshPrincipal) return;
  else if (sig.status === 'unknown-key')
    block(
      'signer-not-allowed',
      `${what} is signed by a key this server cannot check (${sig.detail}); add the signer's public key if it is allowed`,
    );
  else if (sig.fingerprints.some((f) => f.startsWith('SHA256:')))
    block(
      'signer-not-allowed',
      `${what} is SSH-signed by ${sig.fingerprints[0]}, which allowed_signers_file does not list`,
    );
  else if (config.allowed_signers.length === 0)
    block(
      'signer-not-allowed',
      `${what} is signed by ${sig.fingerprints[0]} but allowed_signers is empty; list the release signers' fingerprints`,
    );
  else if (!sig.fingerprints.some((f) => config.allowed_signers.includes(f.toUpperCase())))
    block(
      'signer-not-allowed',
      `${what} is signed by ${sig.fingerprints.join(' / ')}, which is not in allowed_signers`,
    );
}

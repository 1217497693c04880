import { describe, expect, it } from 'vitest';
import {
  type UpdateConfig,
  type UpdateFacts,
  type UpdateState,
  decideUpdate,
  initialUpdateState,
  parseUpdateToml,
} from '../../src/update/index.js';

const SIGNER = '0123456789ABCDEF0123456789ABCDEF01234567';
const OTHER = 'FEDCBA9876543210FEDCBA9876543210FEDCBA98';
const NOW = new Date('2026-11-22T12:00:00Z');
const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);

function config(extra = ''): UpdateConfig {
  const r = parseUpdateToml(`[update]\nallowed_signers = ["${SIGNER}"]\nmin_save_age_minutes = 30\n${extra}`);
  if (!r.ok) throw new Error(r.problems[0]?.message);
  return r.config;
}

function facts(over: Partial<UpdateFacts> = {}): UpdateFacts {
  return {
    treeDirty: false,
    current: { version: 'v1.0.0', commit: OLD },
    // Only matters when the target is older than what runs; the cases below that need it say so.
    currentPublished: false,
    target: { version: 'v1.1.0', commit: NEW },
    onChannel: true,
    fastForward: true,
    signature: { status: 'good', fingerprints: [SIGNER] },
    lastSaveAt: new Date('2026-11-22T11:50:00Z'),
    ...over,
  };
}

const state = (over: Partial<UpdateState> = {}): UpdateState => ({ ...initialUpdateState(NOW), ...over });
const codes = (d: ReturnType<typeof decideUpdate>) => d.reasons.map((r) => r.code);

describe('decideUpdate', () => {
  it('updates to a newer, signed release on the channel', () => {
    expect(decideUpdate(config(), state(), facts(), NOW)).toEqual({
      update: true,
      upToDate: false,
      reasons: [],
    });
  });

  it('is up to date when the target is what runs, even with a dirty tree', () => {
    const d = decideUpdate(
      config(),
      state(),
      facts({ target: { version: 'v1.0.0', commit: OLD }, treeDirty: true }),
      NOW,
    );
    expect(d).toEqual({ update: false, upToDate: true, reasons: [] });
  });

  it('branch track: the channel head equal to HEAD is up to date even though HEAD carries a tag', () => {
    const d = decideUpdate(
      config('track = "branch"'),
      state(),
      facts({ target: { version: null, commit: OLD } }),
      NOW,
    );
    expect(d).toEqual({ update: false, upToDate: true, reasons: [] });
  });

  it('refuses a dirty tree and names the paths', () => {
    const d = decideUpdate(config(), state(), facts({ treeDirty: true, dirtyPaths: ['bot.py'] }), NOW);
    expect(codes(d)).toEqual(['dirty-tree']);
    expect(d.reasons[0]?.message).toContain('bot.py');
    expect(d.reasons[0]?.countsAsFailure).toBe(false);
  });

  it('refuses when the last save is older than min_save_age_minutes, or missing', () => {
    expect(
      codes(decideUpdate(config(), state(), facts({ lastSaveAt: new Date('2026-11-22T11:29:59Z') }), NOW)),
    ).toEqual(['stale-save']);
    expect(
      codes(decideUpdate(config(), state(), facts({ lastSaveAt: new Date('2026-11-22T11:30:00Z') }), NOW)),
    ).toEqual([]);
    expect(codes(decideUpdate(config(), state(), facts({ lastSaveAt: null }), NOW))).toEqual(['stale-save']);
  });

  it('opens at max_failures_per_day counted per UTC day', () => {
    expect(codes(decideUpdate(config(), state({ failures_today: 2 }), facts(), NOW))).toEqual([
      'failure-limit',
    ]);
    expect(codes(decideUpdate(config(), state({ failures_today: 1 }), facts(), NOW))).toEqual([]);
    // Yesterday's failures do not count today...
    expect(
      codes(decideUpdate(config(), state({ day: '2026-11-21', failures_today: 5 }), facts(), NOW)),
    ).toEqual([]);
  });

  it('keeps an open circuit closed only by a human, across days', () => {
    const open = state({
      day: '2026-11-01',
      circuit: { open: true, opened_at: '2026-11-01T00:00:00Z', reason: 'health' },
    });
    const d = decideUpdate(config(), open, facts(), NOW);
    expect(codes(d)).toEqual(['circuit-open']);
    expect(d.reasons[0]?.message).toContain('slipway update reset');
  });

  it('limits attempts per day (max 3 by default)', () => {
    expect(codes(decideUpdate(config(), state({ attempts_today: 3 }), facts(), NOW))).toEqual([
      'attempt-limit',
    ]);
    expect(
      codes(decideUpdate(config('max_attempts_per_day = 5'), state({ attempts_today: 3 }), facts(), NOW)),
    ).toEqual([]);
  });

  it('refuses an older signed release offered as the latest (anti-rollback)', () => {
    const d = decideUpdate(config(), state(), facts({ target: { version: 'v0.9.0', commit: NEW } }), NOW);
    expect(codes(d)).toEqual(['rollback']);
    expect(d.reasons[0]?.countsAsFailure).toBe(true);
  });

  it('skips, as up to date, a channel whose newest release is older than one that runs and is still published', () => {
    // v1.2.0 was installed from main; the operator now follows "stable", which is at v1.1.0.
    const d = decideUpdate(
      config('channel = "stable"'),
      state(),
      facts({
        current: { version: 'v1.2.0', commit: NEW },
        currentPublished: true,
        target: { version: 'v1.1.0', commit: OLD },
        fastForward: false,
        treeDirty: true,
        lastSaveAt: null,
      }),
      NOW,
    );
    expect(d).toEqual({
      update: false,
      upToDate: true,
      note: 'newer than v1.1.0, the newest release on origin/stable',
      reasons: [],
    });
    expect(d.reasons.some((r) => r.countsAsFailure)).toBe(false);
  });

  it('still refuses the same picture when the remote withdrew the running release', () => {
    const d = decideUpdate(
      config(),
      state(),
      facts({
        current: { version: 'v1.2.0', commit: NEW },
        currentPublished: false,
        target: { version: 'v1.1.0', commit: OLD },
        fastForward: false,
      }),
      NOW,
    );
    expect(codes(d)).toEqual(['rollback']);
    expect(d.upToDate).toBe(false);
    expect(d.reasons[0]?.countsAsFailure).toBe(true);
  });

  it('never calls an older channel head up to date on the branch track, nor an unnamed running commit', () => {
    const older = { current: { version: 'v1.2.0', commit: NEW }, currentPublished: true, fastForward: false };
    expect(
      codes(
        decideUpdate(
          config('track = "branch"'),
          state(),
          facts({ ...older, target: { version: null, commit: OLD } }),
          NOW,
        ),
      ),
    ).toEqual(['rollback']);
    expect(
      codes(
        decideUpdate(
          config(),
          state(),
          facts({
            ...older,
            current: { version: null, commit: NEW },
            target: { version: 'v1.1.0', commit: OLD },
          }),
          NOW,
        ),
      ),
    ).toEqual(['rollback']);
  });

  it('refuses the same tag re-pointed at another commit', () => {
    expect(
      codes(decideUpdate(config(), state(), facts({ target: { version: 'v1.0.0', commit: NEW } }), NOW)),
    ).toEqual(['rollback']);
  });

  it('refuses a target that does not descend from what runs, or is off the channel', () => {
    expect(codes(decideUpdate(config(), state(), facts({ fastForward: false }), NOW))).toEqual(['rollback']);
    expect(codes(decideUpdate(config(), state(), facts({ onChannel: false }), NOW))).toEqual(['off-channel']);
  });

  it('checks signatures: missing, unknown key, signer not allowed, bad', () => {
    const sig = (signature: UpdateFacts['signature']) =>
      codes(decideUpdate(config(), state(), facts({ signature }), NOW));
    expect(sig({ status: 'missing' })).toEqual(['unsigned']);
    expect(sig({ status: 'unknown-key', detail: 'NO_PUBKEY' })).toEqual(['signer-not-allowed']);
    expect(sig({ status: 'good', fingerprints: [OTHER] })).toEqual(['signer-not-allowed']);
    expect(sig({ status: 'good', fingerprints: [OTHER, SIGNER] })).toEqual([]);
    expect(sig({ status: 'bad', detail: 'BADSIG' })).toEqual(['bad-signature']);
  });

  it('trusts an SSH signature only when allowed_signers_file matched a principal', () => {
    const sig = (signature: UpdateFacts['signature']) =>
      codes(decideUpdate(config(), state(), facts({ signature }), NOW));
    expect(
      sig({ status: 'good', fingerprints: ['SHA256:abc'], sshPrincipal: 'release@example.test' }),
    ).toEqual([]);
    expect(sig({ status: 'good', fingerprints: ['SHA256:abc'] })).toEqual(['signer-not-allowed']);
  });

  it('with require_signed_tags = false accepts unsigned but never a bad signature', () => {
    const c = config('require_signed_tags = false');
    expect(codes(decideUpdate(c, state(), facts({ signature: { status: 'missing' } }), NOW))).toEqual([]);
    expect(
      codes(decideUpdate(c, state(), facts({ signature: { status: 'bad', detail: 'x' } }), NOW)),
    ).toEqual(['bad-signature']);
  });

  it('refuses everything when allowed_signers is empty and signatures are required', () => {
    const r = parseUpdateToml('[update]\n');
    if (!r.ok) throw new Error('unreachable');
    const d = decideUpdate(r.config, state(), facts(), NOW);
    expect(codes(d)).toEqual(['signer-not-allowed']);
    expect(d.reasons[0]?.message).toContain('allowed_signers is empty');
  });

  it('reports no release and a disabled updater', () => {
    expect(
      codes(decideUpdate(config('enabled = false'), state(), facts({ target: undefined }), NOW)),
    ).toEqual(['disabled', 'no-release']);
  });

  it('collects every reason at once', () => {
    const d = decideUpdate(
      config(),
      state({ failures_today: 2, attempts_today: 3 }),
      facts({
        treeDirty: true,
        signature: { status: 'missing' },
        target: { version: 'v0.1.0', commit: NEW },
      }),
      NOW,
    );
    expect(codes(d)).toEqual(['failure-limit', 'attempt-limit', 'dirty-tree', 'rollback', 'unsigned']);
    expect(d.update).toBe(false);
  });
});

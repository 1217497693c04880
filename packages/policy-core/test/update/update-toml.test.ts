import { describe, expect, it } from 'vitest';
import { applyEnvOverrides, parseUpdateToml, readEnvOverrides } from '../../src/update/index.js';

const SEED = `# config/update.toml
[update]
channel = "main"        # or "stable"
interval_minutes = 60
auto_restart = true
require_signed_tags = true
max_failures_per_day = 2
allowed_signers = [
  "0123456789ABCDEF0123456789ABCDEF01234567",
  "nope",
]
`;

describe('parseUpdateToml', () => {
  it('accepts the seed keys and fills defaults', () => {
    const r = parseUpdateToml(SEED.replace('  "nope",\n', ''));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({
      channel: 'main',
      interval_minutes: 60,
      auto_restart: true,
      require_signed_tags: true,
      max_failures_per_day: 2,
      max_attempts_per_day: 3,
      persistence_dir: 'bot_persistence',
      backup_dir: 'backups',
      allowed_signers: ['0123456789ABCDEF0123456789ABCDEF01234567'],
    });
  });

  it('normalises spaced, lower-case fingerprints', () => {
    const r = parseUpdateToml(
      '[update]\nallowed_signers = ["0123 4567 89ab cdef 0123 4567 89AB CDEF 0123 4567"]\n',
    );
    expect(r.ok && r.config.allowed_signers).toEqual(['0123456789ABCDEF0123456789ABCDEF01234567']);
  });

  it('points at the bad array element', () => {
    const r = parseUpdateToml(SEED);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.message).toMatch(
      /^\[update\]\.allowed_signers\[1\]: a signer is a full GPG fingerprint/,
    );
    expect(r.problems[0]?.range).toEqual({
      start: { line: 9, character: 2 },
      end: { line: 9, character: 8 },
    });
  });

  it('reports a syntax error at its line and column', () => {
    const r = parseUpdateToml('[update]\nchannel = "main\ninterval_minutes = 5\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]?.message).toMatch(/^TOML syntax error: Unterminated string/);
    expect(r.problems[0]?.range.start.line).toBe(1);
  });

  it('reports an unknown key at the key, a wrong type at its key', () => {
    const r = parseUpdateToml('[update]\nchanel = "main"\ninterval_minutes = "60"\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byLine = Object.fromEntries(r.problems.map((p) => [p.range.start.line, p.message]));
    expect(byLine[1]).toBe('unknown key "chanel" in [update]; remove it or check its spelling');
    expect(byLine[2]).toMatch(/^\[update\]\.interval_minutes: .*expected number/);
    expect(r.problems.find((p) => p.range.start.line === 1)?.range).toEqual({
      start: { line: 1, character: 0 },
      end: { line: 1, character: 6 },
    });
  });

  it('says so when the [update] table is missing', () => {
    const r = parseUpdateToml('channel = "main"\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message)).toContain(
      'missing [update] table: put the settings under an [update] header',
    );
  });

  it('refuses channels that are not branch names and backup dirs that escape the repo', () => {
    const r = parseUpdateToml('[update]\nchannel = "--upload-pack=evil"\nbackup_dir = "../x"\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path.join('.'))).toEqual(['update.channel', 'update.backup_dir']);
  });

  it('refuses a non-http health URL and empty commands', () => {
    const r = parseUpdateToml('[update]\nhealth_url = "file:///etc/passwd"\nrestart_command = []\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message)).toEqual([
      '[update].health_url: health_url must be an http:// or https:// URL',
      '[update].restart_command: a command needs at least the program name',
    ]);
  });
});

describe('environment overrides', () => {
  const base = parseUpdateToml('[update]\n');
  const config = base.ok ? base.config : (undefined as never);

  it('applies the three seed variables', () => {
    const r = applyEnvOverrides(config, {
      BOT_AUTO_UPDATE: '0',
      BOT_UPDATE_INTERVAL: '15',
      BOT_UPDATE_CHANNEL: 'stable',
    });
    expect(r.problems).toEqual([]);
    expect(r.config).toMatchObject({ enabled: false, interval_minutes: 15, channel: 'stable' });
  });

  it('treats empty variables as unset', () => {
    expect(readEnvOverrides({ BOT_AUTO_UPDATE: '', BOT_UPDATE_INTERVAL: ' ' })).toEqual({
      overrides: {},
      problems: [],
    });
  });

  it('reports unreadable values and ignores them', () => {
    const r = applyEnvOverrides(config, {
      BOT_AUTO_UPDATE: 'maybe',
      BOT_UPDATE_INTERVAL: '1h',
      BOT_UPDATE_CHANNEL: 'a..b',
    });
    expect(r.problems.map((p) => p.variable)).toEqual([
      'BOT_AUTO_UPDATE',
      'BOT_UPDATE_INTERVAL',
      'BOT_UPDATE_CHANNEL',
    ]);
    expect(r.config).toEqual(config);
  });
});

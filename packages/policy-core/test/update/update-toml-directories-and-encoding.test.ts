import { describe, expect, it } from 'vitest';
import { parseUpdateToml } from '../../src/update/index.js';

/**
 * backup_dir and persistence_dir are compared by name with what a rollback archives and wipes:
 * "./backups/" once slipped past that comparison and a rollback deleted the code and its backup.
 */
describe('update.toml directory keys', () => {
  it.each([
    ['./backups/', 'bot_persistence', 'backups'],
    ['backups//snap/', './state/', 'backups/snap'],
  ])('normalises backup_dir %j', (backup, persistence, expected) => {
    const r = parseUpdateToml(`[update]\nbackup_dir = "${backup}"\npersistence_dir = "${persistence}"\n`);
    expect(r.ok && r.config.backup_dir).toBe(expected);
    expect(r.ok && r.config.persistence_dir).toBe(persistence.replace(/^\.\/|\/$/g, ''));
  });

  it.each([
    ['backup_dir = "."', /backup_dir: name a directory inside the repository, not the repository root/],
    ['persistence_dir = "./"', /persistence_dir: name a directory inside the repository/],
    ['backup_dir = ".git/backups"', /backup_dir: use a directory outside \.git/],
  ])('refuses %s at its key', (line, message) => {
    const r = parseUpdateToml(`[update]\nchannel = "main"\n${line}\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.message).toMatch(message);
    expect(r.problems[0]?.range.start).toEqual({ line: 2, character: 0 });
  });

  it.each([
    ['bot_persistence', 'bot_persistence'],
    ['bot_persistence/default/backups', 'bot_persistence'],
    ['data', 'data/bot'],
  ])('refuses backup_dir %j with persistence_dir %j (one inside the other)', (backup, persistence) => {
    const r = parseUpdateToml(`[update]\npersistence_dir = "${persistence}"\nbackup_dir = "${backup}"\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message)).toEqual([
      `[update].backup_dir: backup_dir "${backup}" and persistence_dir "${persistence}" must be separate directories, neither inside the other`,
    ]);
    expect(r.problems[0]?.range.start).toEqual({ line: 2, character: 0 });
  });

  it('accepts the defaults and separate directories', () => {
    expect(parseUpdateToml('[update]\n').ok).toBe(true);
    expect(parseUpdateToml('[update]\nbackup_dir = "var/backups"\npersistence_dir = "var/state"\n').ok).toBe(
      true,
    );
  });
});

describe('update.toml encoding', () => {
  it('accepts a UTF-8 byte order mark and still places errors exactly', () => {
    expect(parseUpdateToml('\uFEFF[update]\nchannel = "main"\n').ok).toBe(true);
    const r = parseUpdateToml('\uFEFF[update]\ninterval_minutes = 0\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.range.start).toEqual({ line: 1, character: 0 });
  });
});

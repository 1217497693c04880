import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fixture } from './fixture.js';
import { slipway } from './fixture.js';

/** A checkout whose path systemd must be told about carefully: a space and a `%`. */
let dir: string;
let bot: Pick<Fixture, 'bot' | 'env'>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slw-upd-timer-'));
  const root = join(dir, 'trading bot 100%');
  mkdirSync(join(root, 'config'), { recursive: true });
  writeFileSync(join(root, 'config/update.toml'), '[update]\ninterval_minutes = 20\n');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
  execFileSync('git', ['init', '--quiet', root], { env });
  bot = { bot: root, env };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('install-timer on an unusual path', () => {
  it('writes units systemd-analyze accepts: % escaped, WorkingDirectory unquoted', async () => {
    const out = join(dir, 'units');
    const r = await slipway(bot as Fixture, [
      'install-timer',
      '--output',
      out,
      '--slipway',
      join(bot.bot, 'config/update.toml'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const service = readFileSync(join(out, 'slipway-update.service'), 'utf8');
    expect(service).toContain(`WorkingDirectory=${dir}/trading bot 100%%\n`);
    expect(service).toContain(
      `Description=Slipway self-update of ${dir}/trading bot 100%% (profile default)\n`,
    );
    expect(service).toContain(`--repo "${dir}/trading bot 100%%"\n`);
  });

  it('refuses a --user that is not a user name, in one line', async () => {
    const r = await slipway(bot as Fixture, [
      'install-timer',
      '--output',
      join(dir, 'u2'),
      '--user',
      'bot\nExecStartPre=/bin/false',
    ]);
    expect(r.stderr).toBe(
      'slipway update: --user "bot\\nExecStartPre=/bin/false" is not a user name or uid\n',
    );
    expect(r.code).toBe(2);
  });

  it('reads --config relative to where the operator stands, like any path on a command line', async () => {
    const inConfig = { ...bot, bot: join(bot.bot, 'config') } as Fixture;
    const r = await slipway(inConfig, ['status', '--config', 'update.toml']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('today: 0/3 attempts');
    const missing = await slipway(inConfig, ['status', '--config', 'nope.toml']);
    expect(missing.stderr).toBe(
      `slipway update: nope.toml not found in ${bot.bot}/config; create it with an [update] table (see slipway explain UPD001)\n`,
    );
  });
});

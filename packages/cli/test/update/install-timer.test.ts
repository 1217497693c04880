import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, createFixture, slipway } from './fixture.js';

let f: Fixture;
afterEach(async () => {
  await f?.close();
});

describe('slipway update install-timer', () => {
  it('writes a oneshot service and a timer for the interval, verified by systemd-analyze', async () => {
    f = await createFixture('interval_minutes = 30');
    const out = join(f.dir, 'units');
    const slipwayBin = join(f.dir, 'slipway.mjs');
    writeFileSync(slipwayBin, '');
    const r = await slipway(f, [
      'install-timer',
      '--output',
      out,
      '--slipway',
      slipwayBin,
      '--profile',
      'paper',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('systemd-analyze verify: ok');
    expect(r.stdout).toContain('systemctl daemon-reload && systemctl enable --now slipway-update.timer');
    const service = readFileSync(join(out, 'slipway-update.service'), 'utf8');
    expect(service).toContain('Type=oneshot');
    expect(service).toContain(
      `ExecStart=${process.execPath} ${slipwayBin} update --profile paper --repo ${f.bot}`,
    );
    const timer = readFileSync(join(out, 'slipway-update.timer'), 'utf8');
    expect(timer).toContain('OnUnitActiveSec=30min');
    expect(timer).toContain('Unit=slipway-update.service');
  });

  it('takes the interval from BOT_UPDATE_INTERVAL and a unit name', async () => {
    f = await createFixture();
    const out = join(f.dir, 'units');
    const r = await slipway(
      f,
      ['install-timer', '--output', out, '--unit', 'bot-update', '--slipway', join(f.bot, 'app.txt')],
      {
        BOT_UPDATE_INTERVAL: '15',
      },
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'bot-update.timer'), 'utf8')).toContain('OnUnitActiveSec=15min');
  });

  it('reports what systemd-analyze finds wrong (a node that is not there)', async () => {
    f = await createFixture();
    const out = join(f.dir, 'units');
    const args = [
      'install-timer',
      '--output',
      out,
      '--node',
      '/nonexistent/node',
      '--slipway',
      join(f.bot, 'app.txt'),
    ];
    const r = await slipway(f, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/systemd-analyze verify: .*\/nonexistent\/node is not executable/);
  });

  it('refuses a --slipway that does not exist', async () => {
    f = await createFixture();
    const r = await slipway(f, [
      'install-timer',
      '--output',
      join(f.dir, 'units'),
      '--slipway',
      '/nonexistent/slipway.mjs',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--slipway /nonexistent/slipway.mjs does not exist');
  });
});

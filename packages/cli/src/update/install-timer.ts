import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../command.js';
import type { LoadedUpdateConfig } from './load-update-config.js';
import { runProcess } from './run-process.js';
import { serviceUnit, timerUnit } from './systemd-units.js';

export interface TimerFlags {
  output: string;
  unit: string;
  user?: string;
  slipway: string;
  node: string;
}

/**
 * Writes `<unit>.service` and `<unit>.timer`, then has `systemd-analyze verify` check them where
 * it exists. It does not enable anything: that stays an explicit `systemctl enable --now`.
 */
export async function installTimer(
  loaded: LoadedUpdateConfig,
  flags: TimerFlags,
  env: Record<string, string | undefined>,
): Promise<{ exitCode: 0 | 1; lines: string[] }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/.test(flags.unit))
    throw new UserError(`--unit ${JSON.stringify(flags.unit)} is not a unit name`);
  // Written into the unit as User=: anything else (a newline above all) would add settings.
  if (flags.user !== undefined && !/^(?:[A-Za-z_][A-Za-z0-9_.-]*\$?|\d+)$/.test(flags.user))
    throw new UserError(`--user ${JSON.stringify(flags.user)} is not a user name or uid`);
  const options = {
    unit: flags.unit,
    root: loaded.root,
    profile: loaded.profile,
    intervalMinutes: loaded.config.interval_minutes,
    node: flags.node,
    slipway: resolve(flags.slipway),
    user: flags.user,
  };
  if (!existsSync(options.slipway))
    throw new UserError(
      `--slipway ${options.slipway} does not exist; name the slipway.mjs the timer should run`,
    );
  const dir = resolve(flags.output);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${flags.unit}.service`), serviceUnit(options));
    writeFileSync(join(dir, `${flags.unit}.timer`), timerUnit(options));
  } catch (err) {
    throw new UserError(
      `cannot write the units to ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      1,
    );
  }
  const files = [join(dir, `${flags.unit}.service`), join(dir, `${flags.unit}.timer`)];
  const lines = files.map((f) => `wrote ${f}`);
  const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
  if (!analyze) {
    lines.push('systemd-analyze not found: units not verified');
  } else {
    const r = await runProcess([analyze, 'verify', ...files], { cwd: dir, env, timeoutMs: 60_000 });
    const problems = `${r.stdout}\n${r.stderr}`
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (r.code !== 0 || problems.length) {
      return { exitCode: 1, lines: [...lines, ...problems.map((p) => `systemd-analyze verify: ${p}`)] };
    }
    lines.push('systemd-analyze verify: ok');
  }
  lines.push(`enable with: systemctl daemon-reload && systemctl enable --now ${flags.unit}.timer`);
  return { exitCode: 0, lines };
}

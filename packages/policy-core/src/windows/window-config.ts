/**
 * An environment's windows as the policy writes them (`deploy.windows.<env>`), compiled: each
 * rule, duration and zone checked, so a policy whose window cannot be read is refused when it
 * is read, one problem per key, never half-applied.
 */
import { everOccurs } from './ever-occurs.js';
import { compileRule } from './window-rule.js';
import type { DeployWindow } from './window-schedule.js';
import { isKnownZone } from './zoned-time.js';

/** One window as written. */
export interface WindowConfig {
  name?: string | undefined;
  rrule?: string | undefined;
  cron?: string | undefined;
  duration: string;
  timezone?: string | undefined;
}

/** An environment's windows as written. */
export interface EnvironmentWindowsConfig {
  timezone: string;
  allow?: WindowConfig[] | undefined;
  deny?: WindowConfig[] | undefined;
}

/** The longest window or soak: a quarter. A longer freeze is a policy change, not a window. */
export const MAX_DURATION_MINUTES = 92 * 24 * 60;

/** Minutes in a duration such as 30m, 2h, 1h30m, 3d (days of 24 hours), or why it cannot be read. */
export function durationMinutes(text: string): number | string {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text.trim());
  const minutes = m ? Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : 0;
  if (!m || minutes <= 0)
    return `"${text}" is not a duration; write days, hours and minutes such as 30m, 8h, 1h30m or 2d`;
  if (minutes > MAX_DURATION_MINUTES)
    return `"${text}" is longer than 92d, the longest duration a window or a soak may take`;
  return minutes;
}

export interface WindowProblem {
  /** The key under the environment's windows: ['deny', 0, 'rrule']. */
  path: (string | number)[];
  message: string;
}

export type CompiledWindows =
  | { ok: true; windows: readonly DeployWindow[] }
  | { ok: false; problems: readonly WindowProblem[] };

// The windows compiled, by what was written: a promote compiles the same windows three times (its
// policy read from the working tree and from the deployed commit, then its window check). Bounded:
// an editor's server compiles every state of a policy being typed.
const compiledByText = new Map<string, CompiledWindows>();
const MAX_REMEMBERED = 32;

/** The compiled windows, allow then deny, or the problems that keep them from being read. */
export function compileWindows(config: EnvironmentWindowsConfig): CompiledWindows {
  const key = JSON.stringify(config);
  let compiled = compiledByText.get(key);
  if (!compiled) {
    if (compiledByText.size >= MAX_REMEMBERED) compiledByText.clear();
    compiled = compileOnce(config);
    compiledByText.set(key, compiled);
  }
  return compiled;
}

function compileOnce(config: EnvironmentWindowsConfig): CompiledWindows {
  const problems: WindowProblem[] = [];
  const zoneProblem = (zone: string) =>
    `"${zone}" is not a time zone this runtime knows; use an IANA name such as Europe/London, America/New_York or UTC`;
  if (!isKnownZone(config.timezone))
    problems.push({ path: ['timezone'], message: zoneProblem(config.timezone) });
  const windows: DeployWindow[] = [];
  // An empty allow list reads as "allow nothing" to some and as no list at all to others.
  if (config.allow?.length === 0)
    problems.push({
      path: ['allow'],
      message:
        'allow lists no window: leave allow out to let promotions run at any time outside the deny windows, or list the windows they may run in',
    });
  for (const kind of ['allow', 'deny'] as const) {
    for (const [i, w] of (config[kind] ?? []).entries()) {
      const at = (key: string) => [kind, i, key];
      const compiled = compileRule(w);
      const key = w.cron !== undefined && w.rrule === undefined ? 'cron' : 'rrule';
      if (!compiled.ok) problems.push({ path: at(key), message: compiled.problem });
      else if (!everOccurs(compiled.recurrence))
        problems.push({
          path: at(key),
          message: `"${(w.rrule ?? w.cron ?? '').trim()}" names no date that exists (such as February 30th, or April 31st), so this window would never ${kind === 'allow' ? 'open' : 'close anything'}; fix the day or month`,
        });
      const duration = durationMinutes(w.duration);
      if (typeof duration === 'string') problems.push({ path: at('duration'), message: duration });
      const zone = w.timezone ?? config.timezone;
      if (w.timezone !== undefined && !isKnownZone(w.timezone))
        problems.push({ path: at('timezone'), message: zoneProblem(w.timezone) });
      if (!compiled.ok || typeof duration === 'string') continue;
      windows.push({
        kind,
        label: w.name ?? `${kind}[${i}]`,
        rule: (w.rrule ?? w.cron ?? '').trim(),
        zone,
        durationMinutes: duration,
        recurrence: compiled.recurrence,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, windows };
}

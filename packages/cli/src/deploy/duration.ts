import { UserError } from '../command.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "30s", "2m", "500ms", "1h" or a bare number of seconds, as milliseconds. */
export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UserError(`--${flag} must be a duration like 30s, 2m or 500ms, not "${text}"`);
  const ms = Number(m[1]) * (UNITS[m[2] ?? 's'] ?? 1000);
  if (ms <= 0) throw new UserError(`--${flag} must be more than zero`);
  return ms;
}

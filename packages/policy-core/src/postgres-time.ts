/**
 * A PostgreSQL time setting's value (`lock_timeout`, `statement_timeout`) as milliseconds, read
 * as PostgreSQL reads it: a bare number is milliseconds, a unit is one of us, ms, s, min, h, d
 * (https://www.postgresql.org/docs/current/config-setting.html, "Numeric with Unit"). The SQL
 * reader, the env.py and Django settings reader and the policy's `statement_timeout` share it, so
 * `'5min'` means the same wherever it is written.
 */

const UNIT_MS: Record<string, number> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** The value in milliseconds; undefined for what is not a time (DEFAULT, a typo, a variable). */
export function timeoutMs(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(us|ms|s|min|h|d)?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = UNIT_MS[(m[2] ?? 'ms').toLowerCase()] as number;
  return Number(m[1]) * unit;
}

/** A value that turns the timeout on: not 0 (in any unit), not DEFAULT. */
export function timeoutValueOn(value: string): boolean {
  return !/^(0+(\.0+)?\s*(us|ms|s|min|h|d)?|default)$/i.test(value.trim());
}

/** Milliseconds as a person writes them back: `300000` → `5min`, `1500` → `1500ms`. */
export function formatTimeout(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ] as const)
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

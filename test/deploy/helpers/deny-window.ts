/** A deny window placed around now, for the tests that run promotes on the real clock. */
export const MINUTE = 60_000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A daily UTC deny window that started `agoMinutes` before now (to the minute) and lasts 3h. */
export function freeze(agoMinutes: number) {
  const start = Math.floor((Date.now() - agoMinutes * MINUTE) / MINUTE) * MINUTE;
  const d = new Date(start);
  const cron = `${d.getUTCMinutes()} ${d.getUTCHours()} * * *`;
  const yaml = `  windows:
    production:
      timezone: UTC
      deny:
        - name: freeze
          cron: "${cron}"
          duration: 3h
`;
  return { cron, start, end: start + 180 * MINUTE, yaml };
}

/** A time as Slipway's messages give it in UTC: `Fri 2026-11-27 22:50 UTC (2026-11-27T22:50Z)`. */
export function utcText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${DAYS[new Date(ms).getUTCDay()]} ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC (${iso.slice(0, 16)}Z)`;
}

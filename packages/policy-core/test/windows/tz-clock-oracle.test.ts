import { describe, expect, it } from 'vitest';
import { tzLocalTime } from '../../src/node/tz-clock.js';
import { intlLocalTime } from '../../src/windows/zoned-time.js';

/**
 * The TZ clock (node/tz-clock.ts) against the oracle, the runtime's own Intl.DateTimeFormat: the
 * same wall-clock time for every zone and instant asked — zones with daylight saving both ways,
 * half- and quarter-hour offsets, a 30-minute DST, rules changed or dropped, a day skipped — on a
 * stride through 1990–2035 and on both sides of every transition Intl shows in it.
 */
const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Europe/Moscow',
  'Africa/Casablanca',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Apia',
];
const MINUTE = 60_000;
const FROM = Date.UTC(1990, 0, 1);
const TO = Date.UTC(2035, 0, 1);
const STRIDE = 31 * 60 * MINUTE + 13 * MINUTE;
/** Transitions are months apart: looked for six hours at a time, then narrowed to the minute. */
const SCAN = 6 * 60 * MINUTE;

/** The instants where Intl's offset changes. */
function transitions(zone: string): number[] {
  const offset = (t: number) => {
    const l = intlLocalTime(t, zone);
    return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute) - Math.floor(t / MINUTE) * MINUTE;
  };
  const out: number[] = [];
  let before = offset(FROM);
  for (let t = FROM + SCAN; t < TO; t += SCAN) {
    const now = offset(t);
    if (now === before) continue;
    let lo = t - SCAN;
    let hi = t;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offset(mid) === before) lo = mid;
      else hi = mid;
    }
    out.push(hi);
    before = now;
  }
  return out;
}

describe('the TZ clock agrees with Intl', () => {
  it.each(ZONES)('%s', (zone) => {
    const instants: number[] = [];
    for (let t = FROM; t < TO; t += STRIDE) instants.push(t);
    const changes = transitions(zone);
    for (const t of changes) for (const d of [-61, -1, 0, 1, 59]) instants.push(t + d * MINUTE);
    let differ = 0;
    let first = '';
    for (const t of instants) {
      const a = tzLocalTime(t, zone);
      const b = intlLocalTime(t, zone);
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        differ++;
        first ||= `${new Date(t).toISOString()}: TZ ${JSON.stringify(a)}, Intl ${JSON.stringify(b)}`;
      }
    }
    expect(first).toBe('');
    expect(differ).toBe(0);
    // Zones with rules have transitions in these 45 years: the oracle looked at them.
    if (zone !== 'UTC' && zone !== 'Asia/Kolkata' && zone !== 'Asia/Kathmandu')
      expect(changes.length).toBeGreaterThan(10);
  });

  it('puts TZ back once the synchronous burst ends', async () => {
    const before = process.env.TZ;
    const offset = new Date(Date.UTC(2024, 6, 1)).getTimezoneOffset();
    tzLocalTime(Date.UTC(2024, 6, 1), 'Pacific/Chatham');
    tzLocalTime(Date.UTC(2024, 6, 1), 'America/New_York');
    expect(process.env.TZ).toBe('America/New_York');
    await Promise.resolve();
    expect(process.env.TZ).toBe(before);
    expect(new Date(Date.UTC(2024, 6, 1)).getTimezoneOffset()).toBe(offset);
  });
});

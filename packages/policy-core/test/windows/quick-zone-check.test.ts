import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKnownZone, setQuickZoneCheck } from '@slipway/policy-core';
import { tzHasRules } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The quick zone check (node/tz-clock.ts) against Intl, the judge of what a zone is: whatever it
 * answers true, Intl must accept, for every zone the runtime lists and for the names that would
 * fool a lookup through TZ (a POSIX rule ICU maps to a zone of its choosing, a prefix it strips, a
 * zone only the system's zone files know); and isKnownZone gives the same answers with it as
 * without it. Not on Windows, where Node does not read TZ at run time (the check is not used).
 */
const intlKnows = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

// A zone only the system's zone files know: glibc finds TZ under TZDIR, ICU does not have it.
const tzdir = mkdtempSync(join(tmpdir(), 'slipway-tzdir-'));
mkdirSync(join(tzdir, 'Slipway'));
copyFileSync('/usr/share/zoneinfo/Europe/Berlin', join(tzdir, 'Slipway', 'Berlin_Copy'));
const savedTzdir = process.env.TZDIR;
afterAll(() => {
  if (savedTzdir === undefined) delete process.env.TZDIR;
  else process.env.TZDIR = savedTzdir;
  rmSync(tzdir, { recursive: true, force: true });
});

const TRICKY = [
  'europe/london',
  'EUROPE/LONDON',
  'posix/Europe/London',
  'right/Europe/London',
  ':Europe/London',
  'Europe/London ',
  ' Europe/London',
  'Europe//London',
  'Europe/London/',
  'EST5EDT',
  'CST6CDT,M3.2.0,M11.1.0',
  'CET-1CEST,M3.5.0,M10.5.0/3',
  'Etc/GMT+5',
  'Mars/Base',
  'Europe/Londonx',
  'GB',
  'US/Eastern',
  'America/Argentina/Buenos_Aires',
  'Slipway/Berlin_Copy',
  '',
];

describe.skipIf(process.platform === 'win32')('the quick zone check through TZ', () => {
  it('answers true only for zones Intl knows: every zone the runtime lists, and the tricky names', () => {
    process.env.TZDIR = tzdir;
    const names = [...Intl.supportedValuesOf('timeZone'), ...TRICKY];
    const wrong = names.filter((z) => tzHasRules(z) === true && !intlKnows(z));
    expect(wrong).toEqual([]);
    // The system-only zone keeps daylight-saving time in its file, but ICU does not know it: TZ
    // reads it as a fixed offset, so it is left to the list (which says no).
    expect(tzHasRules('Slipway/Berlin_Copy')).toBeUndefined();
    expect(tzHasRules('posix/Europe/London')).toBeUndefined();
  });

  it('answers for the zones with daylight-saving time, both hemispheres and a 30-minute one; leaves the rest to the list', () => {
    for (const z of [
      'Europe/London',
      'America/New_York',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'US/Eastern',
    ])
      expect(tzHasRules(z), z).toBe(true);
    for (const z of ['UTC', 'Etc/UTC', 'Asia/Tokyo', 'Europe/Moscow', 'America/Sao_Paulo', 'europe/london'])
      expect(tzHasRules(z), z).toBeUndefined();
    // It answers for most of the zones teams name: a real share of the list, not a handful.
    const listed = Intl.supportedValuesOf('timeZone');
    expect(listed.filter((z) => tzHasRules(z) === true).length).toBeGreaterThan(100);
  });

  it('isKnownZone says the same with the quick check as without it', () => {
    process.env.TZDIR = tzdir;
    const names = [...Intl.supportedValuesOf('timeZone'), ...TRICKY];
    setQuickZoneCheck(undefined);
    const without = names.map((z) => isKnownZone(z));
    setQuickZoneCheck(tzHasRules);
    try {
      expect(names.map((z) => isKnownZone(z))).toEqual(without);
    } finally {
      setQuickZoneCheck(undefined);
    }
    expect(without.filter(Boolean).length).toBeGreaterThan(400);
    expect(isKnownZone('Slipway/Berlin_Copy')).toBe(false);
  });
});

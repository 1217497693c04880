import { zonedText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const at = (iso: string) => Date.parse(iso);

// 2026's fall-back days: London 25 Oct 01:00Z (01:00–02:00 BST happens again as GMT); New York
// 1 Nov 06:00Z; Lord Howe (Australia) moves by half an hour, on 5 April 2026 at 02:00 local.
describe('a local time the clocks show twice carries its offset; any other does not', () => {
  it('Europe/London 01:30 on the fall-back day: once BST (+01:00), once GMT (+00:00)', () => {
    expect(zonedText(at('2026-10-25T00:30:00Z'), 'Europe/London')).toBe(
      'Sun 2026-10-25 01:30+01:00 Europe/London (2026-10-25T00:30Z)',
    );
    expect(zonedText(at('2026-10-25T01:30:00Z'), 'Europe/London')).toBe(
      'Sun 2026-10-25 01:30+00:00 Europe/London (2026-10-25T01:30Z)',
    );
  });

  it('America/New_York 01:00 on 1 November, both times, with negative offsets', () => {
    expect(zonedText(at('2026-11-01T05:00:00Z'), 'America/New_York')).toBe(
      'Sun 2026-11-01 01:00-04:00 America/New_York (2026-11-01T05:00Z)',
    );
    expect(zonedText(at('2026-11-01T06:00:00Z'), 'America/New_York')).toBe(
      'Sun 2026-11-01 01:00-05:00 America/New_York (2026-11-01T06:00Z)',
    );
  });

  it('a half-hour shift (Australia/Lord_Howe): 01:45 happens twice, at +11:00 and +10:30', () => {
    expect(zonedText(at('2026-04-04T14:45:00Z'), 'Australia/Lord_Howe')).toBe(
      'Sun 2026-04-05 01:45+11:00 Australia/Lord_Howe (2026-04-04T14:45Z)',
    );
    expect(zonedText(at('2026-04-04T15:15:00Z'), 'Australia/Lord_Howe')).toBe(
      'Sun 2026-04-05 01:45+10:30 Australia/Lord_Howe (2026-04-04T15:15Z)',
    );
  });

  it('near misses: the hours either side of the repeated one, the spring-forward day, a zone without DST', () => {
    expect(zonedText(at('2026-10-24T23:59:00Z'), 'Europe/London')).toBe(
      'Sun 2026-10-25 00:59 Europe/London (2026-10-24T23:59Z)',
    );
    expect(zonedText(at('2026-10-25T02:00:00Z'), 'Europe/London')).toBe(
      'Sun 2026-10-25 02:00 Europe/London (2026-10-25T02:00Z)',
    );
    expect(zonedText(at('2026-03-29T01:30:00Z'), 'Europe/London')).toBe(
      'Sun 2026-03-29 02:30 Europe/London (2026-03-29T01:30Z)',
    );
    expect(zonedText(at('2026-10-25T00:30:00Z'), 'Asia/Tokyo')).toBe(
      'Sun 2026-10-25 09:30 Asia/Tokyo (2026-10-25T00:30Z)',
    );
    expect(zonedText(at('2026-10-25T00:30:00Z'), 'UTC')).toBe('Sun 2026-10-25 00:30 UTC (2026-10-25T00:30Z)');
  });
});

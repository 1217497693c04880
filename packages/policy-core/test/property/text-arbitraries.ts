import fc from 'fast-check';
import { expect } from 'vitest';
import type { Range } from '../../src/finding.js';

/**
 * How many cases a property tries, and from which seed. Locally each run draws a new seed (new
 * inputs every time; fast-check prints the seed and the shrunk case of a failure). In CI the seed
 * is fixed, so a verdict can be reproduced and a run is never red by the luck of the draw; set
 * FC_SEED to replay or explore a given one anywhere.
 */
export function runs(numRuns: number): fc.Parameters<unknown> {
  const given = process.env.FC_SEED;
  const seed = given !== undefined ? Number(given) : process.env.CI ? 20261123 : undefined;
  return seed === undefined || Number.isNaN(seed) ? { numRuns } : { numRuns, seed };
}

/** Text made of a format's own pieces, mixed with random characters: near-valid and broken alike. */
export function textOf(pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...pieces) },
        { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
      ),
      {
        maxLength,
      },
    )
    .map((parts) => parts.join(''));
}

/** The range lies inside `text`: real lines, and characters within each line (LSP positions). */
export function expectWithin(text: string, range: Range): void {
  const lines = text.split('\n');
  for (const p of [range.start, range.end]) {
    expect(p.line, JSON.stringify(range)).toBeGreaterThanOrEqual(0);
    expect(p.line, JSON.stringify(range)).toBeLessThan(lines.length);
    expect(p.character, JSON.stringify(range)).toBeGreaterThanOrEqual(0);
    expect(p.character, JSON.stringify(range)).toBeLessThanOrEqual((lines[p.line] as string).length);
  }
  const ordered =
    range.start.line < range.end.line ||
    (range.start.line === range.end.line && range.start.character <= range.end.character);
  expect(ordered, JSON.stringify(range)).toBe(true);
}

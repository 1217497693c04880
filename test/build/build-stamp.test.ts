import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script of the build, without type declarations
import { dropStamp, upToDate, writeStamp } from '../../scripts/build-stamp.mjs';

/**
 * The build skips esbuild only when what it read and wrote last time is untouched: a write to any
 * input (even of the same bytes), a missing output, or another source hash means a build.
 */
describe('the build stamp', () => {
  let dir: string;
  let stamp: string;
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return name;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-stamp-'));
    stamp = join(dir, 'cache', 'stamp.json');
    file('a.ts', 'export const a = 1;\n');
    file('out.mjs', 'const a = 1;\n');
    writeStamp(stamp, 'key-1', dir, ['a.ts'], [join(dir, 'out.mjs')]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds while nothing changed, for the same key only', () => {
    expect(upToDate(stamp, 'key-1')).toBe(true);
    expect(upToDate(stamp, 'key-2')).toBe(false);
  });

  it('breaks when an input is written again, even with the same bytes', async () => {
    // ctime has nanoseconds on this file system; a later write is a later ctime.
    await new Promise((resolve) => setTimeout(resolve, 5));
    file('a.ts', 'export const a = 1;\n');
    expect(upToDate(stamp, 'key-1')).toBe(false);
  });

  it('breaks when an output is gone', () => {
    unlinkSync(join(dir, 'out.mjs'));
    expect(upToDate(stamp, 'key-1')).toBe(false);
  });

  it('is absent after a build starts (an interrupted build leaves none), or when unreadable', () => {
    dropStamp(stamp);
    expect(upToDate(stamp, 'key-1')).toBe(false);
    writeFileSync(stamp, '{"format":1,');
    expect(upToDate(stamp, 'key-1')).toBe(false);
  });
});

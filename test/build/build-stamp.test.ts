import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script of the build, without type declarations
import { dropStamp, upToDateOutputs, writeStamp } from '../../scripts/build-stamp.mjs';
// @ts-expect-error: a plain .mjs script of the build, without type declarations
import { removeStaleChunks } from '../../scripts/stale-chunks.mjs';

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

  it('holds while nothing changed, for the same key only, and names what the last build wrote', () => {
    expect(upToDateOutputs(stamp, 'key-1')).toEqual(new Set([join(dir, 'out.mjs')]));
    expect(upToDateOutputs(stamp, 'key-2')).toBeUndefined();
  });

  it('breaks when an input is written again, even with the same bytes', async () => {
    // ctime has nanoseconds on this file system; a later write is a later ctime.
    await new Promise((resolve) => setTimeout(resolve, 5));
    file('a.ts', 'export const a = 1;\n');
    expect(upToDateOutputs(stamp, 'key-1')).toBeUndefined();
  });

  it('breaks when an output is gone', () => {
    unlinkSync(join(dir, 'out.mjs'));
    expect(upToDateOutputs(stamp, 'key-1')).toBeUndefined();
  });

  it('is absent after a build starts (an interrupted build leaves none), or when unreadable', () => {
    dropStamp(stamp);
    expect(upToDateOutputs(stamp, 'key-1')).toBeUndefined();
    writeFileSync(stamp, '{"format":1,');
    expect(upToDateOutputs(stamp, 'key-1')).toBeUndefined();
  });
});

describe('chunks earlier builds left', () => {
  it('go once they are old enough, or at once when packing; what the last build wrote stays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-chunks-'));
    try {
      const chunks = join(dir, 'chunks');
      mkdirSync(chunks);
      const at = (name: string, minutesAgo: number) => {
        const path = join(chunks, name);
        writeFileSync(path, 'export {};\n');
        const when = new Date(Date.now() - minutesAgo * 60_000);
        utimesSync(path, when, when);
        return path;
      };
      const kept = at('now-ABC.mjs', 30);
      const keptMap = at('now-ABC.mjs.map', 30);
      const old = at('old-DEF.mjs', 30);
      const recent = at('recent-GHI.mjs', 1);
      removeStaleChunks(chunks, new Set([kept]));
      expect([kept, keptMap, old, recent].map(existsSync)).toEqual([true, true, false, true]);
      removeStaleChunks(chunks, new Set([kept]), 0);
      expect([kept, keptMap, recent].map(existsSync)).toEqual([true, true, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

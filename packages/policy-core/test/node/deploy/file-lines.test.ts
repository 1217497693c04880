import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeploySection } from '@slipway/policy-core';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachChunk, forEachLine } from '../../../src/node/deploy/file-lines.js';
import { shasNamedInTail } from '../../../src/node/deploy/metrics-audit-log.js';

const dir = mkdtempSync(join(tmpdir(), 'file-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** `text` in a file of its own, opened for the callback. */
function withFile<T>(text: string, read: (fd: number) => T): T {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, text);
  const fd = openSync(path, 'r');
  try {
    return read(fd);
  } finally {
    closeSync(fd);
  }
}
const MiB = 1 << 20;

describe('forEachChunk and forEachLine: a file read a buffer of whole lines at a time', () => {
  // Lines that cross the 1 MiB reads, one longer than the buffer, and a last line torn or not.
  const long = 'x'.repeat(MiB + 10);
  const texts = [
    '',
    'a\nb\n',
    'a\nb',
    '\n\n',
    `${'y'.repeat(MiB - 1)}\nz\n`,
    `${'y'.repeat(MiB)}\nz`,
    `a\n${long}\nb\r\n${long}`,
    Array.from({ length: 150_000 }, (_, i) => `line ${i}`).join('\n'),
  ];

  it('gives the lines split("\\n") gives, the last one torn when the file does not end with a break', () => {
    for (const text of texts) {
      const seen: string[] = [];
      const torn: boolean[] = [];
      const counts = withFile(text, (fd) =>
        forEachLine(fd, (bytes, start, end, index, isTorn) => {
          if (index !== seen.length) throw new Error(`line ${seen.length} numbered ${index}`);
          seen.push(bytes.toString('utf8', start, end));
          torn.push(isTorn);
        }),
      );
      const expected = text.split('\n');
      if (text.endsWith('\n') || text === '') expected.pop();
      expect(seen).toEqual(expected);
      expect(torn.filter(Boolean).length).toBe(text === '' || text.endsWith('\n') ? 0 : 1);
      expect(counts).toEqual({ breaks: text.split('\n').length - 1, lines: expected.length });
    }
  });

  it('offers each whole line to a taker first: what it takes (ending where it says) never reaches onLine', () => {
    for (const text of texts) {
      const seen: string[] = [];
      const counts = withFile(text, (fd) =>
        forEachLine(
          fd,
          (bytes, start, end, index) => {
            if (index !== seen.length) throw new Error(`line ${seen.length} numbered ${index}`);
            seen.push(`onLine:${bytes.toString('utf8', start, end)}`);
          },
          (bytes, start, _limit, index) => {
            if (index !== seen.length) throw new Error(`line ${seen.length} offered as ${index}`);
            if (bytes[start] !== 97 /* a */) return -1;
            const nl = bytes.indexOf(10, start);
            seen.push(`taken:${bytes.toString('utf8', start, nl)}`);
            return nl;
          },
        ),
      );
      const expected = text.split('\n');
      if (text.endsWith('\n') || text === '') expected.pop();
      // The torn last line is onLine's: a taker is offered whole lines only.
      const torn = text !== '' && !text.endsWith('\n');
      expect(seen).toEqual(
        expected.map((l, i) =>
          l.startsWith('a') && !(torn && i === expected.length - 1) ? `taken:${l}` : `onLine:${l}`,
        ),
      );
      expect(counts).toEqual({ breaks: text.split('\n').length - 1, lines: expected.length });
    }
  });

  it('hands over only whole lines, each chunk ending at a line break, and the torn rest once at the end', () => {
    for (const text of texts) {
      let joined = '';
      const tornAt: number[] = [];
      withFile(text, (fd) =>
        forEachChunk(fd, (bytes, end, torn) => {
          const chunk = bytes.toString('utf8', 0, end);
          if (torn) tornAt.push(joined.length);
          else expect(chunk.endsWith('\n')).toBe(true);
          joined += chunk;
        }),
      );
      expect(joined).toBe(text);
      expect(tornAt).toEqual(text === '' || text.endsWith('\n') ? [] : [text.lastIndexOf('\n') + 1]);
    }
  });
});

describe("shasNamedInTail: the SHAs git is started on, found in the log's last bytes", () => {
  const DEPLOY = { record: 'record.json', audit_log: 'audit.jsonl' } as DeploySection;
  const line = (to: string, pad = 0) =>
    `{"v":1,"time":"2026-03-02T10:00:00Z","event":"PROMOTE","environment":"production","from":null,"to":"${to}","actor":{"name":"${'c'.repeat(pad + 1)}","kind":"ci"},"outcome":"succeeded","prev":"${'0'.repeat(64)}"}`;
  const shasOf = (text: string, tail?: number) => {
    const root = mkdtempSync(join(dir, 'repo-'));
    writeFileSync(join(root, DEPLOY.audit_log), text);
    return [...shasNamedInTail(root, DEPLOY, tail)].sort();
  };

  it('finds every "to" SHA of the whole lines in the tail, one on a torn last line', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const c = 'c'.repeat(40);
    const text = `${line(a)}\n${line(b)}\n${line(c)}`;
    expect(shasOf(text)).toEqual([a, b, c]);
    // The tail starts inside the second line, past its "to" or before it: that line is skipped.
    const cut = text.length - line(c).length - 1 - 20;
    expect(shasOf(text, text.length - cut)).toEqual([c]);
    expect(shasOf(text, line(c).length + 1 + line(b).length - 5)).toEqual([c]);
    // Exactly the last two lines, and a tail inside one line only.
    expect(shasOf(text, line(c).length + 1 + line(b).length + 1)).toEqual([b, c]);
    expect(shasOf(text, 30)).toEqual([]);
  });

  it('takes no "to" that is not 40 lowercase hex digits closed by a quote', () => {
    const d = 'd'.repeat(40);
    const text = [
      line('D'.repeat(40)),
      line('e'.repeat(39)),
      line(`${'f'.repeat(40)}0`),
      line(d),
      line('g'.repeat(40)),
    ];
    expect(shasOf(`${text.join('\n')}\n`)).toEqual([d]);
    expect(shasOf(`${line('null').replace('"null"', 'null')}\n`)).toEqual([]);
  });
});

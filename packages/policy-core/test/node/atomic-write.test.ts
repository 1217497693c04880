import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendDurable, writeFileAtomic, writeFilesAtomic } from '../../src/node/atomic-write.js';

describe('atomic record write and durable append', () => {
  it('replaces the file whole and leaves no temp file behind', () => {
    const d = mkdtempSync(join(tmpdir(), 'slipway-atomic-'));
    const p = join(d, 'LAST_PROD_DEPLOY.json');
    writeFileAtomic(p, '{"a":1}\n');
    writeFileAtomic(p, '{"a":2}\n');
    expect(readFileSync(p, 'utf8')).toBe('{"a":2}\n');
    expect(readdirSync(d)).toEqual(['LAST_PROD_DEPLOY.json']);
    appendDurable(join(d, 'log.jsonl'), 'x\n');
    appendDurable(join(d, 'log.jsonl'), 'y\n');
    expect(readFileSync(join(d, 'log.jsonl'), 'utf8')).toBe('x\ny\n');
  });
});

describe('several files replaced at once (writeFilesAtomic)', () => {
  it('replaces each whole, syncing them together, and leaves no temp file', async () => {
    const d = mkdtempSync(join(tmpdir(), 'slipway-atomic-'));
    const [a, b] = [join(d, 'a.sql'), join(d, 'b.sql')];
    writeFileAtomic(a, 'a0\n');
    await writeFilesAtomic([
      { path: a, text: 'a1\n' },
      { path: b, text: 'b1\n' },
    ]);
    expect([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')]).toEqual(['a1\n', 'b1\n']);
    expect(readdirSync(d).sort()).toEqual(['a.sql', 'b.sql']);
  });

  it('refused by a check before the renames: no file changes, no temp file stays', async () => {
    const d = mkdtempSync(join(tmpdir(), 'slipway-atomic-'));
    const [a, b] = [join(d, 'a.sql'), join(d, 'b.sql')];
    writeFileAtomic(a, 'a0\n');
    writeFileAtomic(b, 'b0\n');
    const refused = writeFilesAtomic([
      { path: a, text: 'a1\n' },
      {
        path: b,
        text: 'b1\n',
        check: () => {
          throw new Error('refused');
        },
      },
    ]);
    await expect(refused).rejects.toThrow('refused');
    expect([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')]).toEqual(['a0\n', 'b0\n']);
    expect(readdirSync(d).sort()).toEqual(['a.sql', 'b.sql']);
  });
});

describe('a batch that cannot write one of its files', () => {
  it('names that file, not its temp file, and changes none', async () => {
    const d = mkdtempSync(join(tmpdir(), 'slipway-atomic-'));
    const a = join(d, 'a.sql');
    writeFileAtomic(a, 'a0\n');
    const missing = join(d, 'gone', 'b.sql');
    const err = await writeFilesAtomic([
      { path: a, text: 'a1\n' },
      { path: missing, text: 'b1\n' },
    ]).then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    expect([err?.code, err?.path]).toEqual(['ENOENT', missing]);
    expect(readFileSync(a, 'utf8')).toBe('a0\n');
    expect(readdirSync(d)).toEqual(['a.sql']);
  });
});

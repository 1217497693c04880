import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendDurable, writeFileAtomic } from '../../src/node/atomic-write.js';

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

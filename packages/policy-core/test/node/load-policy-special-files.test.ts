import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';

// The repository's own policy is looked at before it is read: what is not a regular file, or is
// larger than any policy can be, is one finding, never a read that hangs or takes gigabytes.
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const repo = () => {
  const d = mkdtempSync(join(tmpdir(), 'slipway-load-policy-'));
  dirs.push(d);
  return d;
};

describe('loadPolicy on what is not a policy file', () => {
  it('a FIFO named slipway.yaml: one finding, no read that waits for a writer', () => {
    const root = repo();
    execFileSync('mkfifo', [join(root, 'slipway.yaml')]);
    const loaded = loadPolicy(root, 'slipway.yaml');
    expect(loaded.kind).toBe('invalid');
    expect(loaded.kind === 'invalid' && loaded.findings[0]?.message).toBe(
      'invalid policy: slipway.yaml is a FIFO (named pipe); Slipway does not read it: replace it with a regular file',
    );
  });

  it('a file larger than any policy: refused by its size, with the size and the limit', () => {
    const root = repo();
    writeFileSync(join(root, 'slipway.yaml'), `version: 1\n${'#'.repeat(5 * 1024 * 1024)}\n`);
    const loaded = loadPolicy(root, 'slipway.yaml');
    expect(loaded.kind === 'invalid' && loaded.findings[0]?.message).toMatch(
      /^invalid policy: the policy file is 5\.0 MB, more than the 1\.0 MB a policy may be/,
    );
  });

  it('a policy within its limit still loads', () => {
    const root = repo();
    writeFileSync(join(root, 'slipway.yaml'), 'version: 1\n');
    expect(loadPolicy(root, 'slipway.yaml').kind).toBe('ok');
  });
});

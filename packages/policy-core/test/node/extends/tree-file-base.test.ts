import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '@slipway/policy-core';
import { loadPolicy, readTreeFile } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, tempDir } from '../git-fixture.js';

/**
 * A base in the repository (`extends: policies/base.yaml`) and its test file are read through
 * readTreeFile: inside the repository, a regular file, and no larger than its limit (limits.ts),
 * as FsRepo reads the repository's other files.
 */
afterAll(cleanup);

function repository(base: string | 'fifo') {
  const root = tempDir('slipway-tree-base-');
  mkdirSync(join(root, 'policies'));
  writeFileSync(join(root, 'slipway.yaml'), 'version: 1\nextends: policies/base.yaml\n');
  if (base === 'fifo') execFileSync('mkfifo', [join(root, 'policies', 'base.yaml')]);
  else writeFileSync(join(root, 'policies', 'base.yaml'), base);
  return root;
}

const lines = (loaded: ReturnType<typeof loadPolicy>) =>
  loaded.kind === 'invalid'
    ? loaded.findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message}`)
    : [];

describe('readTreeFile', () => {
  it('reads a base of the repository within its limit', () => {
    const loaded = loadPolicy(repository('version: 1\nprotected:\n  paths: [ledger/]\n'));
    expect(loaded.kind === 'ok' && loaded.document.policy.protected?.paths).toEqual(['ledger/']);
  });

  it('does not read a base past its limit: one POL001 line at `extends:` says the size and the limit', () => {
    const past = 4 * LIMITS.policy.chars + 1;
    const loaded = loadPolicy(repository(`version: 1\n#${'x'.repeat(past)}\n`));
    const got = lines(loaded);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(
      /^POL001 slipway\.yaml:2 .*policies\/base\.yaml.*the file is 4\.0 MB, more than the 1\.0 MB it may be/,
    );
  });

  it("takes the caller's limit: a base's test file may be as large as a test file", () => {
    const root = repository('version: 1\n');
    writeFileSync(join(root, 'policies', 'big.yaml'), `#${'x'.repeat(4 * LIMITS.policy.chars + 1)}\n`);
    expect(readTreeFile(root)('policies/big.yaml')).toEqual({ problem: expect.stringMatching(/is 4\.0 MB/) });
    expect(typeof readTreeFile(root, LIMITS.policyTests.chars)('policies/big.yaml')).toBe('string');
  });

  it('never waits on a FIFO (it would wait for a writer for ever): the base is refused, in one line', () => {
    expect(lines(loadPolicy(repository('fifo')))).toEqual([
      expect.stringMatching(
        /^POL001 slipway\.yaml:2 .*policies\/base\.yaml is a FIFO \(named pipe\); Slipway does not read it/,
      ),
    ]);
  });
});

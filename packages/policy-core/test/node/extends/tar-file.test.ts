import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileInTarball } from '../../../src/node/extends/tar-file.js';
import { cleanup, tempDir } from '../git-fixture.js';

/** The one-file tar reader of npm bases, on tarballs GNU tar writes (ustar and pax headers). */
afterAll(cleanup);

const LONG = `${'deep/'.repeat(30)}base.yaml`;

function tarball(format: 'ustar' | 'pax'): Buffer {
  const dir = tempDir('slipway-tar-');
  mkdirSync(join(dir, 'package', 'shared'), { recursive: true });
  writeFileSync(join(dir, 'package', 'shared', 'base.yaml'), 'version: 1\n');
  symlinkSync('base.yaml', join(dir, 'package', 'shared', 'link.yaml'));
  const paths = ['package/shared/base.yaml', 'package/shared/link.yaml'];
  if (format === 'pax') {
    mkdirSync(join(dir, 'package', LONG, '..'), { recursive: true });
    writeFileSync(join(dir, 'package', LONG), 'version: 1\nmax_waiver_days: 7\n');
    paths.push(`package/${LONG}`);
  }
  execFileSync('tar', [`--format=${format}`, '-czf', 'out.tgz', ...paths], { cwd: dir });
  return readFileSync(join(dir, 'out.tgz'));
}

describe('fileInTarball', () => {
  it('finds a regular file by its path; a missing one or a symbolic link is no file', () => {
    const tgz = tarball('ustar');
    expect(fileInTarball(tgz, 'package/shared/base.yaml')?.toString()).toBe('version: 1\n');
    expect(fileInTarball(tgz, 'package/shared/missing.yaml')).toBeUndefined();
    expect(fileInTarball(tgz, 'package/shared/link.yaml')).toBeUndefined();
  });

  it("reads a long name from a pax header's path record", () => {
    const tgz = tarball('pax');
    expect(fileInTarball(tgz, `package/${LONG}`)?.toString()).toBe('version: 1\nmax_waiver_days: 7\n');
    expect(fileInTarball(tgz, 'package/shared/base.yaml')?.toString()).toBe('version: 1\n');
  });
});

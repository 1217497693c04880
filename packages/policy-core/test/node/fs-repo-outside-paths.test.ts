import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsRepo } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';

const base = mkdtempSync(join(tmpdir(), 'slipway-outside-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const root = join(base, 'repo');
mkdirSync(join(root, 'infra'), { recursive: true });
mkdirSync(join(base, 'elsewhere'));
writeFileSync(join(base, 'secret.txt'), 'secret\n');
writeFileSync(join(base, 'elsewhere', 'x.json'), '{}\n');
writeFileSync(join(root, 'infra', 'real.json'), '{"ok": true}\n');
symlinkSync(join(base, 'secret.txt'), join(root, 'infra', 'record.json'));
symlinkSync('real.json', join(root, 'infra', 'alias.json'));
symlinkSync(join(base, 'elsewhere'), join(root, 'linked'));
// A link to a directory outside, one level down (relative), and one that stays inside.
symlinkSync('../../elsewhere', join(root, 'infra', 'deep'));
symlinkSync('infra', join(root, 'infra-again'));

// Twice: a long-lived host (the editor) and one CLI run, which reads through the lean path
// (each directory resolved once, the file opened without following a final link).
describe.each([
  ['a long-lived host', false],
  ['one run', true],
])('FsRepo reads nothing outside the repository (%s)', (_host, oneRun) => {
  const repo = new FsRepo(root, [], undefined, oneRun);

  it('refuses `..` and absolute paths unread', () => {
    expect(repo.readFile('../secret.txt')).toBeUndefined();
    expect(repo.readFile('infra/../../secret.txt')).toBeUndefined();
    expect(repo.readFile(join(base, 'secret.txt'))).toBeUndefined();
  });

  it('refuses a symlink, or a symlinked directory on the way, that leads outside, and says why', () => {
    expect(repo.readFile('infra/record.json')).toBeUndefined();
    expect(repo.whyUnread('infra/record.json')).toMatch(/symbolic link that leads outside the repository/);
    expect(repo.readFile('linked/x.json')).toBeUndefined();
    expect(repo.readFile('infra/deep/x.json')).toBeUndefined();
  });

  it('still reads a symlink that stays inside, and a missing file is not a refusal', () => {
    expect(repo.readFile('infra/alias.json')).toBe('{"ok": true}\n');
    expect(repo.whyUnread('infra/alias.json')).toBeUndefined();
    expect(repo.whyUnread('infra/none.json')).toBeUndefined();
    expect(repo.readFile('infra-again/real.json')).toBe(repo.readFile('infra/real.json'));
    expect(repo.readFile('infra-again/real.json')).toMatch(/"ok"/);
  });

  it('reads a FIFO or a directory in the tree as "not there", without waiting', () => {
    const fifo = join(root, 'infra', 'pipe');
    rmSync(fifo, { force: true });
    execFileSync('mkfifo', [fifo]);
    expect(repo.readFile('infra/pipe')).toBeUndefined();
    expect(repo.readFile('infra')).toBeUndefined();
  });
});

describe('FsRepo remembering texts for one run', () => {
  it('hands back the same string while the file is unchanged, and the new text once it changes', () => {
    const repo = new FsRepo(root, [], undefined, true);
    const first = repo.readFile('infra/real.json');
    expect(repo.readFile('infra/real.json')).toBe(first);
    writeFileSync(join(root, 'infra', 'real.json'), '{"ok": false, "changed": 1}\n');
    expect(repo.readFile('infra/real.json')).toBe('{"ok": false, "changed": 1}\n');
  });
});

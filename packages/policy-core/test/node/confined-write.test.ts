import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceRepoFiles, type WriteMode, writeRepoFile } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 55, category 4: the one writer (confined-write.ts), in each of its modes, never lands a
 * byte outside the repository: a committed link to a file outside, a link to a name outside that
 * does not exist yet (a plain write would create it there), a parent folder linked outside, a
 * link into .git, a FIFO. Each is refused with one line naming the file (RefusedFile; `create`
 * too, which never writes through a link) and the outside stays as it was. Near misses: a
 * regular file, a new file in a new folder, and a link that stays inside are written.
 */

const base = mkdtempSync(join(tmpdir(), 'slipway-write-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const outside = join(base, 'outside');
const root = join(base, 'repo');
mkdirSync(outside);
mkdirSync(join(root, '.git'), { recursive: true });
mkdirSync(join(root, 'data'));
const SECRET = 'outside-before\n';
writeFileSync(join(outside, 'secret.txt'), SECRET);
writeFileSync(join(root, '.git', 'config'), '[core]\n');
writeFileSync(join(root, 'data', 'real.txt'), 'inside\n');
symlinkSync(join(outside, 'secret.txt'), join(root, 'to-outside.txt'));
symlinkSync(join(outside, 'not-yet.txt'), join(root, 'to-missing-outside.txt'));
symlinkSync('../outside', join(base, 'repo', 'linked'));
symlinkSync('.git/config', join(root, 'to-git.txt'));
symlinkSync('data/real.txt', join(root, 'to-inside.txt'));
execFileSync('mkfifo', [join(root, 'fifo.txt')]);

const outsideNow = () => ({
  secret: readFileSync(join(outside, 'secret.txt'), 'utf8'),
  created: existsSync(join(outside, 'not-yet.txt')) || existsSync(join(outside, 'new.txt')),
});

const MODES: WriteMode[] = ['replace', 'append', 'create'];

const HOSTILE: [string, string, RegExp][] = [
  ['a link to a file outside', 'to-outside.txt', /symbolic link that leads outside the repository/],
  ['a link to a missing name outside', 'to-missing-outside.txt', /symbolic link that leads outside/],
  [
    'a file below a folder linked outside',
    'linked/new.txt',
    /below a directory that is a symbolic link leading outside/,
  ],
  ['a link into the git directory', 'to-git.txt', /symbolic link into the git directory/],
  ['a FIFO', 'fifo.txt', /FIFO/],
];

describe.each(MODES)('writeRepoFile (%s)', (mode) => {
  it.each(HOSTILE)('refuses %s in one line; nothing outside changes', (_what, rel, why) => {
    let error: Error | undefined;
    try {
      writeRepoFile(root, rel, 'attacker wins\n', mode);
    } catch (err) {
      error = err as Error;
    }
    expect(error, `${rel} was written`).toBeDefined();
    expect(error?.name).toBe('RefusedFile');
    expect(error?.message).toMatch(why);
    expect(error?.message.split('\n')).toHaveLength(1);
    expect(error?.message.startsWith(`${rel} `)).toBe(true);
    expect(outsideNow()).toEqual({ secret: SECRET, created: false });
    expect(readFileSync(join(root, '.git', 'config'), 'utf8')).toBe('[core]\n');
  });

  it('near miss: a regular file, a new file in a new folder and a link inside are written', () => {
    const fresh = `new/${mode}/file.txt`;
    writeRepoFile(root, fresh, 'hello\n', mode);
    expect(readFileSync(join(root, fresh), 'utf8')).toBe('hello\n');
    if (mode === 'create') return;
    writeFileSync(join(root, 'data', 'real.txt'), 'inside\n');
    writeRepoFile(root, 'to-inside.txt', 'through the link\n', mode);
    expect(readlinkSync(join(root, 'to-inside.txt'))).toBe('data/real.txt');
    expect(readFileSync(join(root, 'data', 'real.txt'), 'utf8')).toBe(
      mode === 'append' ? 'inside\nthrough the link\n' : 'through the link\n',
    );
  });
});

/** replaceRepoFiles (`check --fix`'s writer): each file judged as writeRepoFile judges it, before any is written. */
describe('replaceRepoFiles', () => {
  it.each(HOSTILE)('refuses %s among regular files, and writes none of them', async (_what, rel, why) => {
    writeFileSync(join(root, 'data', 'a.txt'), 'a before\n');
    const error = await replaceRepoFiles(root, [
      { rel: 'data/a.txt', text: 'a after\n' },
      { rel, text: 'attacker wins\n' },
    ]).then(
      () => undefined,
      (err: Error) => err,
    );
    expect(error?.name).toBe('RefusedFile');
    expect(error?.message).toMatch(why);
    expect(readFileSync(join(root, 'data', 'a.txt'), 'utf8')).toBe('a before\n');
    expect(outsideNow()).toEqual({ secret: SECRET, created: false });
    expect(readdirSync(join(root, 'data')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('near miss: replaces every file whole, through a link inside too, and leaves no temp file', async () => {
    writeFileSync(join(root, 'data', 'real.txt'), 'inside\n');
    writeFileSync(join(root, 'data', 'b.txt'), 'b before\n');
    const written = await replaceRepoFiles(root, [
      { rel: 'data/b.txt', text: 'b after\n' },
      { rel: 'to-inside.txt', text: 'through the link\n' },
      { rel: 'new/batch/c.txt', text: 'c\n' },
    ]);
    expect(written).toHaveLength(3);
    expect(readFileSync(join(root, 'data', 'b.txt'), 'utf8')).toBe('b after\n');
    expect(readFileSync(join(root, 'data', 'real.txt'), 'utf8')).toBe('through the link\n');
    expect(readlinkSync(join(root, 'to-inside.txt'))).toBe('data/real.txt');
    expect(readFileSync(join(root, 'new', 'batch', 'c.txt'), 'utf8')).toBe('c\n');
    expect(readdirSync(join(root, 'data')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

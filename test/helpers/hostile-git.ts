import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SpawnCall } from './spawn-recorder.js';

/**
 * What the git-hardening tests (issue 55, category 1) share: a file the attacker's command would
 * create, the committed files of a folder shaped like a bare repository whose config runs that
 * command, and the check that every git Slipway started carried the hardening.
 */

/** A marker file an attacker's command would create: `ran()` says whether anything did. */
export interface Marker {
  path: string;
  /** A shell command that creates the marker (what the attacker's config names). */
  command: string;
  ran(): boolean;
  dispose(): void;
}

export function marker(): Marker {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-marker-'));
  const path = join(dir, 'ran');
  return {
    path,
    command: `touch '${path}'`,
    ran: () => existsSync(path),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The files that make `folder` look like a git directory to git (HEAD, objects/, refs/) with a
 * `config` that runs `command` as the fsmonitor hook, and a work tree at the folder itself (so
 * git reads an index there and asks the fsmonitor). All of it can be committed.
 */
export function bareShapedFolder(folder: string, command: string): Record<string, string> {
  const at = (name: string) => (folder === '' ? name : `${folder}/${name}`);
  return {
    [at('HEAD')]: 'ref: refs/heads/main\n',
    [at('objects/info/keep')]: '',
    [at('refs/heads/keep')]: '',
    [at('config')]:
      `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n\tfsmonitor = "${command}; false"\n\thooksPath = hooks\n`,
    [at('hooks/post-index-change')]: `#!/bin/sh\n${command}\n`,
  };
}

/** The settings every git Slipway starts carries on its command line (git-invocation.ts). */
export const HARDENING = [
  'safe.bareRepository=explicit',
  'core.fsmonitor=false',
  `core.hooksPath=${devNull}`,
  'protocol.ext.allow=never',
];

/**
 * Every recorded git call carries the hardening and, when `gitDir` is given, names that git
 * directory explicitly (so git did no discovery of its own). Returns the calls checked.
 */
export function expectHardened(calls: SpawnCall[], gitDir?: string): SpawnCall[] {
  const gits = calls.filter((c) => c.program === 'git');
  expect(gits.length, 'Slipway started git').toBeGreaterThan(0);
  for (const call of gits) {
    const settings = call.args.flatMap((a, i) => (call.args[i - 1] === '-c' ? [a] : []));
    for (const h of HARDENING) expect(settings, call.args.join(' ')).toContain(h);
    if (gitDir !== undefined)
      expect(
        call.args.filter((a) => a.startsWith('--git-dir=')),
        call.args.join(' '),
      ).toEqual([`--git-dir=${gitDir}`]);
  }
  return gits;
}

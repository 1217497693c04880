import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ShellRefWrite, ShellUnknown } from '@slipway/policy-core';
import { rootOf } from './shell-write-repos.js';

/** Words of a part read for folders it names: a command line is short, a heredoc is not read. */
const MAX_WORDS = 64;
/**
 * Words of the whole command read for folders it names, when it has a part Slipway cannot follow:
 * what such a part works on may come from elsewhere in the command (`echo /B/f | xargs rm`,
 * `ls /B | xargs rm`), so every folder the command names is a place it may reach.
 */
const MAX_COMMAND_WORDS = 4096;

/**
 * The repositories the unknown parts of a command run from a folder no policy governs may reach,
 * each with a folder in it to open its gate from: those the parts run in (`cd ../B && python3
 * -c ...`, `cd ../B && git reset --hard`) and those their words name (`tar -C ../B -xf x.tar`,
 * `env -C ../B rm f`, `git --work-tree=../B checkout .`). What such a part writes only the program
 * decides; where it plainly works in a governed repository, that repository's gate asks. A part
 * that names none stays the ungoverned folder's (a writer fed by xargs is besides a write of the
 * folder it runs in, judged by the repositories there: xargs-writes.ts).
 */
export async function repositoriesReached(
  unknowns: readonly ShellUnknown[],
  refWrites: readonly ShellRefWrite[],
  where: string,
  /** The whole command: the folders it names are places its unknown parts may reach too. */
  command = '',
  /** The session's projects (session-projects.ts): reached by every unknown part, by absolute path. */
  projects: readonly string[] = [],
): Promise<Map<string, string>> {
  const reached = new Map<string, string>();
  const parts = [...unknowns, ...refWrites.filter((w) => w.ref === undefined)];
  if (parts.length > 0)
    for (const project of projects) {
      const root = existing(project) === project ? await rootOf(project) : undefined;
      if (root !== undefined && !reached.has(root)) reached.set(root, project);
    }
  const commandNames = parts.length > 0 ? namedPaths(command, MAX_COMMAND_WORDS) : [];
  for (const part of parts) {
    const cwds = (part.runsIn ?? ['']).map((dir) => resolve(where, dir));
    const places = new Set(cwds);
    for (const word of new Set([...namedPaths(part.what, MAX_WORDS), ...commandNames]))
      for (const cwd of cwds) {
        const at = existing(resolve(cwd, word));
        if (at !== undefined) places.add(at);
      }
    for (const dir of places) {
      const root = await rootOf(dir);
      if (root !== undefined && !reached.has(root)) reached.set(root, dir);
    }
  }
  return reached;
}

/**
 * The paths a command's text may name: each run of path characters holding a `/` (in a word, an
 * option's value `--work-tree=../B`, or code `open("../B/x")`), and a lone `.` or `..`.
 */
function namedPaths(what: string, maxWords: number): string[] {
  const out = new Set<string>();
  for (const word of what.split(/\s+/, maxWords)) {
    const bare = word.replace(/^['"]+|['"]+$/g, '');
    if (bare === '.' || bare === '..') out.add(bare);
    for (const m of word.matchAll(/[\w.@+~-]*(?:\/[\w.@+-]*)+/g)) out.add(m[0]);
  }
  return [...out];
}

/** The folder a path names, or holds the file it names; undefined when there is none. */
function existing(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return undefined;
  }
}

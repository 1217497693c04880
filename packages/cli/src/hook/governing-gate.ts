import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { PROCESS_PATH, type ToolCall } from '@slipway/policy-core';
import { climbs, findRoot, physicalPath, throughProcessLink } from '@slipway/policy-core/node';
import type { EarlyGit } from '../early-git.js';
import { MissingPolicyError } from '../policy-errors.js';
import { type GateContext, openGateContext } from './gate-context.js';

/** How many enclosing repositories are looked through for a policy. */
const MAX_NESTING = 16;

/**
 * The gate of the repository that governs `dir`: its own when it has a policy, else the nearest
 * enclosing repository's that has one. A repository made inside a governed one (`git init
 * docs/sub`, then the agent's commands run from there) has no policy of its own, and every call
 * from it was let through: writes into the enclosing repository's files too. Throws the
 * MissingPolicyError of `dir`'s own repository when no enclosing one has a policy either.
 */
export async function openGoverningGate(
  dir: string,
  env: Record<string, string | undefined>,
  early?: EarlyGit,
): Promise<GateContext> {
  try {
    return await openGateContext(dir, env, early);
  } catch (err) {
    if (!(err instanceof MissingPolicyError)) throw err;
    let inner = (await findRoot(dir)).root;
    for (let depth = 0; depth < MAX_NESTING; depth++) {
      const parent = dirname(inner);
      if (parent === inner) break;
      const outer = await findRoot(parent);
      if (!outer.isGit) break;
      try {
        return await openGateContext(outer.root, env);
      } catch (next) {
        if (!(next instanceof MissingPolicyError)) throw next;
      }
      inner = outer.root;
    }
    throw err;
  }
}

/**
 * The nearest existing folder of `path`'s folder, walking up: `lstatSync` does not follow a link
 * at the end (a link is not taken for a folder), `statSync` does.
 */
function nearestFolder(path: string, cwd: string, stat: typeof lstatSync | typeof statSync): string {
  let dir = dirname(isAbsolute(path) ? path : resolve(cwd, path));
  while (dirname(dir) !== dir && !isFolder(dir, stat)) dir = dirname(dir);
  return dir;
}

function isFolder(dir: string, stat: typeof lstatSync | typeof statSync): boolean {
  try {
    return stat(dir).isDirectory();
  } catch {
    return false;
  }
}

/** A file tool's call: what callWrites reads. */
export type FileCall = Extract<ToolCall, { kind: 'write' | 'edit' | 'patch' }>;

/**
 * Where a file tool's call is judged: the directory of each file it writes (its nearest existing
 * folder), whose repository governs it, whatever directory the session is in; each folder once.
 * A patch's files may lie in several repositories (its first file outside any, the rest in a
 * governed one, was let through whole).
 */
export function fileCallDirs(call: FileCall, cwd: string): { dir: string; paths: string[] }[] {
  // A patch's move writes its destination too (`*** Move to:`), whose repository may be another.
  const paths =
    call.kind === 'patch'
      ? call.files.flatMap((f) =>
          f.op === 'update' && f.moveTo !== undefined ? [f.path, f.moveTo] : [f.path],
        )
      : [call.path];
  // Each folder once, with every path judged from it: where its repository has no policy, each
  // path's landing is asked (two files under one ungoverned folder may land in two places).
  const seen = new Map<string, { dir: string; paths: string[] }>();
  // A folder deleted is its own repository's to judge, not its parent folder's (the repository's
  // own folder deleted included).
  const deleted = new Set(
    call.kind === 'patch' ? call.files.filter((f) => f.op === 'delete').map((f) => f.path) : [],
  );
  for (const path of paths) {
    const dir = writeDir(
      deleted.has(path) && isFolder(resolve(cwd, path), lstatSync) ? join(path, 'x') : path,
      cwd,
    );
    const entry = seen.get(dir);
    if (entry) entry.paths.push(path);
    else seen.set(dir, { dir, paths: [path] });
  }
  return [...seen.values()];
}

/** The folder whose repository governs a write to `path` (a file tool's, or a shell command's). */
export function writeDir(path: string, cwd: string): string {
  // /proc/self/cwd/new/x.yml: the gate's own process resolves /proc/self (and /dev/fd), not the
  // agent's; walked up from there it named /proc, no repository, and the write was let through.
  // The session's repository judges such a call: its gate refuses every path under /proc, and
  // every path through a link into it.
  const lexical = resolve(cwd, path);
  if (PROCESS_PATH.test(lexical) || throughProcessLink(lexical)) return cwd;
  // `latest/../../db/x.sql` through a link `latest`: the repository of the folder the file system
  // reaches judges it (where writeTarget refuses the path, whose text names another file).
  if (climbs(path)) return nearestFolder(physicalPath(cwd, path), cwd, lstatSync);
  // A folder on the way that is a link (docs/out -> /tmp) is not followed: the repository the
  // link sits in judges the write (a link out of it is refused there), and the folder it points
  // to is opened only where the link's own repository has no policy (landingDir).
  return nearestFolder(path, cwd, lstatSync);
}

/**
 * The real folder a write to `path` lands in: its nearest existing folder with every link on the
 * way followed; undefined when that is `judgedIn`, where fileDir looked already. A link made outside the
 * repository to it (`ln -s "$PWD" /tmp/r`, then a Write to /tmp/r/.github/workflows/x.yml while
 * that folder does not exist yet) sits in no governed repository: the gate asks the one the
 * write reaches when the link's own has no policy.
 */
export function landingDir(path: string, cwd: string, judgedIn: string): string | undefined {
  try {
    const real = realpathSync.native(nearestFolder(path, cwd, statSync));
    return real === judgedIn ? undefined : real;
  } catch {
    return undefined;
  }
}

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChangedFile, ChangeSet } from '@slipway/policy-core';
import {
  discoverRoot,
  parseWorkingTreeStatus,
  readChangeSet,
  runGit,
  startGitTogether,
  TRACKED_FILES_ARGS,
  workingTreeChanges,
} from '@slipway/policy-core/node';
import { type ChangeFlags, changeSetOptions } from './change-flags.js';
import { checkCommandFlagOptions } from './check-flags.js';
import type { EarlyGit } from './command.js';

export type { EarlyGit };

/**
 * Starts the git work `slipway check` will read, at the very start of the process: on a large
 * repository it takes as long as loading and compiling the check itself, and part of it needs
 * nothing the check decides. The bin entry calls this before it imports anything else, so git
 * works while Node compiles the policy parser and the rules.
 *
 * - The file listing needs no policy and no change: always started.
 * - The change set, when `--base` names its base: the policy's production branch then plays no
 *   part in which change is read (resolveRange), so nothing the policy says could change it.
 *   Without `--base`, the base may come from the policy, and git waits for the policy.
 *
 * `check` itself parses its flags strictly, finds the root, and uses what was started only when
 * it asks for the same thing (`listingFor`, `changeFor`); else git is asked as usual. Undefined
 * when the command is not a check of the working tree (`--head` naming a commit reads that
 * commit's files), or when only git can say where the repository is.
 */
export function startEarlyGit(
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): EarlyGit | undefined {
  const [name, ...rest] = argv.filter((a) => a !== '--debug');
  if (name !== 'check' || rest.includes('--help') || rest.includes('-h')) return undefined;
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: checkCommandFlagOptions, strict: false }));
  } catch {
    return undefined;
  }
  if (values.head !== undefined && values.head !== 'HEAD') return undefined;
  const repoFlag = values.repo;
  if (repoFlag !== undefined && typeof repoFlag !== 'string') return undefined;
  let root: string | undefined;
  try {
    root = discoverRoot(resolve(cwd, repoFlag ?? '.'), env);
  } catch {
    // `--repo` naming a file, say: the check itself says what is wrong, in one line.
    return undefined;
  }
  if (root === undefined) return undefined;
  const listing = startListing(root);
  const flags = namedChange(values);
  if (!flags) return { root, listing };
  // A named base is the base: the production branch is never consulted (resolveRange).
  const read = readChangeSet(changeSetOptions(root, '', flags, env));
  read.catch(() => {});
  return { root, listing, change: { flags, read } };
}

/**
 * The agent gate's early git, once the hook input has said where the agent runs (`cwd`): the
 * file listing and `git status`, which need no policy, run while Node loads and compiles the
 * engine (on a 2,000-file repository that is most of a path-only decision's wait), and the
 * cat-file session that will read the policy at base is started with them. The change set
 * waits for the policy (its production branch is the base). Undefined when only git can say
 * where the repository is; the gate then asks git as usual.
 */
export function startGateGit(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): EarlyGit | undefined {
  let root: string | undefined;
  try {
    root = discoverRoot(resolve(cwd), env);
  } catch {
    return undefined;
  }
  if (root === undefined) return undefined;
  // One process start for the listing, the status and the cat-file session where a shell can do
  // it (startGitTogether); a status that fails there is asked again as usual, which words the error.
  const together = startGitTogether(root);
  const status = together
    ? together.status.then(parseWorkingTreeStatus, () => workingTreeChanges(root))
    : workingTreeChanges(root);
  status.catch(() => {});
  return { root, listing: together?.listing ?? startListing(root), status };
}

function startListing(root: string): Promise<Buffer> {
  const listing = runGit(root, TRACKED_FILES_ARGS, { unpiped: true }).then((r) => r.stdout);
  // Whoever uses it sees its failure (and then asks git again); unused, it is nobody's business.
  listing.catch(() => {});
  return listing;
}

/** The change the flags name on their own: `--base` given as a value, and no `--tree`. */
function namedChange(values: Record<string, unknown>): ChangeFlags | undefined {
  const { base, head, branch, label, tree } = values;
  if (tree !== undefined || typeof base !== 'string') return undefined;
  if (head !== undefined && typeof head !== 'string') return undefined;
  if (branch !== undefined && typeof branch !== 'string') return undefined;
  const labels = Array.isArray(label) ? label : [];
  if (labels.some((l) => typeof l !== 'string')) return undefined;
  return {
    base,
    ...(head !== undefined ? { head } : {}),
    ...(branch !== undefined ? { branch } : {}),
    ...(labels.length ? { labels: labels as string[] } : {}),
  };
}

/** The early listing when it is of `root`, else undefined (git is then asked as usual). */
export function listingFor(early: EarlyGit | undefined, root: string): Promise<Buffer> | undefined {
  return early?.root === root ? early.listing : undefined;
}

/** The early `git status` when it is of `root`, else undefined (git is then asked as usual). */
export function statusFor(early: EarlyGit | undefined, root: string): Promise<ChangedFile[]> | undefined {
  return early?.root === root ? early.status : undefined;
}

/** The early change set when it is the one `flags` ask for in `root`, else undefined. */
export function changeFor(
  early: EarlyGit | undefined,
  root: string,
  flags: ChangeFlags,
): Promise<ChangeSet> | undefined {
  const started = early?.change;
  if (!started || early?.root !== root) return undefined;
  const a = started.flags;
  const [mine, theirs] = [a.labels ?? [], flags.labels ?? []];
  const same =
    a.base === flags.base &&
    a.head === flags.head &&
    a.branch === flags.branch &&
    mine.length === theirs.length &&
    mine.every((l, i) => l === theirs[i]);
  return same ? started.read : undefined;
}

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { discoverRoot, runGit } from '@slipway/policy-core/node';
import { checkCommandFlagOptions } from './check-flags.js';
import type { EarlyListing } from './command.js';

export type { EarlyListing };

/**
 * Starts the file listing `slipway check` will read, at the very start of the process: on a
 * large repository it takes as long as loading and compiling the check itself, and it needs
 * nothing the check decides (not the policy, not the change). The bin entry calls this before
 * it imports anything else, so git lists the files while Node compiles the rules.
 *
 * Only a guess at what the command will need: `check` itself parses its flags strictly and asks
 * for the listing of the root it finds; it uses this one only when the roots are the same
 * (`listingFor`), else git is asked as usual. Undefined when the command is not a check of the
 * working tree (`--head` naming a commit reads that commit's files), or when only git can say
 * where the repository is.
 */
export function startEarlyListing(
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): EarlyListing | undefined {
  const [name, ...rest] = argv.filter((a) => a !== '--debug');
  if (name !== 'check' || rest.includes('--help') || rest.includes('-h')) return undefined;
  let values: { repo?: string | boolean | (string | boolean)[]; head?: unknown };
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
  const bytes = runGit(root, ['ls-files', '-z', '--full-name'], { unpiped: true }).then((r) => r.stdout);
  // Whoever uses it sees its failure (and then asks git again); unused, it is nobody's business.
  bytes.catch(() => {});
  return { root, bytes };
}

/** The early listing when it is of `root`, else undefined (git is then asked as usual). */
export function listingFor(early: EarlyListing | undefined, root: string): Promise<Buffer> | undefined {
  return early?.root === root ? early.bytes : undefined;
}

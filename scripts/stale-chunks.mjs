// Chunk names carry content hashes, so every build that changes a chunk leaves the old one behind
// in dist/. These go once no process can still need them: a CLI started just before a build may
// load the chunks of the build before (hence the grace), and `npm pack` of the CLI (its prepack
// runs the build with `--pack`, no grace) must ship only what its entry points load.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How long a chunk the last build did not write stays, for a CLI started before that build. */
export const STALE_CHUNK_GRACE_MS = 5 * 60_000;

/**
 * The folders of chunks under the repository root: the CLI's dist/chunks (the agent gate's split
 * script, scripts/build-cli.mjs), dist/commands (an older layout, whose files all go), and
 * policy-core's bundle for the tests of its hosts. Not the CLI's dist/.code-cache: its runs keep
 * it (packages/cli/src/cli-bundle-loader.ts).
 */
export function chunkDirs(root) {
  const cliDist = join(root, 'packages/cli/dist');
  return [
    join(cliDist, 'chunks'),
    join(cliDist, 'commands'),
    join(root, 'packages/policy-core/dist-hosts/chunks'),
  ];
}

/**
 * Removes each file in `dir` that is not in `keep` (absolute paths the last build wrote; a source
 * map goes with its chunk) and was last written more than `graceMs` ago.
 */
export function removeStaleChunks(dir, keep, graceMs = STALE_CHUNK_GRACE_MS) {
  if (!existsSync(dir)) return;
  const cutoff = Date.now() - graceMs;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (keep.has(file) || keep.has(file.replace(/\.map$/, ''))) continue;
    // Another build or pack may be removing the same files at this moment.
    const written = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    if (written !== undefined && written <= cutoff) rmSync(file, { force: true });
  }
}

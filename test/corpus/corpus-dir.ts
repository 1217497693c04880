import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/**
 * The shared corpus of real projects' dependency files: beside the repository's checkout, or
 * where SLIPWAY_CORPUS says (a worktree elsewhere). Read in place, never copied into the project.
 */
export const CORPUS_DIR: string =
  process.env.SLIPWAY_CORPUS ?? fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** The data's folder (there when it exists), or whether the data is there. */
type Data = string | boolean;

const present = (data: Data) => (typeof data === 'string' ? existsSync(data) : data);
const absentCorpus = (data: Data) =>
  `no shared dependency corpus at ${data} (set SLIPWAY_CORPUS to its folder)`;

/**
 * Where the real data a test reads is absent, the test does not vanish: one failing test stands in
 * its place, named for what was not run and why. The data is always laid beside the checkout (CI's
 * and a developer's alike), so its absence is a broken set-up, never a reason to pass or skip.
 */
function standIn(what: string): void {
  it(`has its data (${what})`, () => {
    throw new Error(`${what}: these tests run on real data and must have it`);
  });
}

/** `describe(name, body)` when the data is there; else the stand-in above. */
export function describeWithData(
  name: string,
  data: Data,
  body: () => void,
  what = absentCorpus(data),
): void {
  if (present(data)) describe(name, body);
  else describe(name, () => standIn(what));
}

/** `it(name, fn, timeout)` when the data is there; else the stand-in above, named after it. */
export function itWithData(
  name: string,
  data: Data,
  fn: () => Promise<void> | void,
  timeout?: number,
  what = absentCorpus(data),
): void {
  if (present(data)) it(name, fn, timeout);
  else standIn(`${name}: ${what}`);
}

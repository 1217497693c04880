import { fileURLToPath } from 'node:url';

/**
 * The shared corpus of real projects' dependency files: beside the repository's checkout, or
 * where SLIPWAY_CORPUS says (a worktree elsewhere). Read in place, never copied into the project.
 */
export const CORPUS_DIR: string =
  process.env.SLIPWAY_CORPUS ?? fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

import { statSync } from 'node:fs';
import { FsRepo } from '../fs-repo.js';
import { join } from 'node:path';
import { type Detected, detectLayout } from '../../init/detect-layout.js';

/** `detectLayout` over a checkout on disk: what `slipway init` and the editor's "Create Policy File" propose. */
export function detect(root: string, listed: readonly string[]): Detected {
  const files = new FsRepo(root, [], undefined, true);
  return detectLayout(listed, {
    // The one reader (FsRepo's): a link out of the repository, a FIFO or a device is not read.
    readFile: (path) => files.readFile(path),
    isDirectory: (path) => {
      try {
        return statSync(join(root, path)).isDirectory();
      } catch {
        return false;
      }
    },
  });
}

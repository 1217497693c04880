import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Detected, detectLayout } from '../../init/detect-layout.js';

/** `detectLayout` over a checkout on disk: what `slipway init` and the editor's "Create Policy File" propose. */
export function detect(root: string, files: readonly string[]): Detected {
  return detectLayout(files, {
    readFile: (path) => {
      try {
        return readFileSync(join(root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
    isDirectory: (path) => {
      try {
        return statSync(join(root, path)).isDirectory();
      } catch {
        return false;
      }
    },
  });
}

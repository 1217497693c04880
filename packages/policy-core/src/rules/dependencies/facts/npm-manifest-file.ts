import type { DepFile } from '../../../requirements/dep-file.js';
import type { NpmManifest } from '../../../requirements/npm/npm-manifest.js';

/**
 * A package.json of the pair: the importer it is in the lock (its directory relative to the
 * lock's). Or a pnpm catalog of pnpm-workspace.yaml, whose entries are declared as a manifest's
 * are (importer `catalog:<name>`, as the lock's `catalogs` are read): `reread` reads the file's
 * text at another commit as this entry does.
 */
export interface NpmManifestFile {
  importer: string;
  file: DepFile;
  manifest: NpmManifest;
  reread?: (text: string) => NpmManifest;
}

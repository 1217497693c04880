import { readBunfigRegistries } from './bunfig.js';
import { type NpmrcRegistry, readNpmrcRegistries } from './npmrc.js';
import { readYarnrcRegistries } from './yarnrc.js';
import { readYarnrcV1Registries } from './yarnrc-v1.js';
import { REGISTRY_FILE_NAMES, type RegistryFileName } from '../dependency-file-names.js';

/**
 * The files beside an npm-family lock that choose where installs fetch from, and how each is read:
 * .npmrc (npm, pnpm, Yarn 1, Bun, and `npx` whatever the tool), .yarnrc (Yarn 1), .yarnrc.yml
 * (Yarn 2+), bunfig.toml (Bun). DEP016 judges an agent's change to them; the agent gate runs the
 * DEP rules on a write to one (path-roles.ts, which knows them by name: dependency-file-names.ts).
 */
const READERS: Record<RegistryFileName, (text: string) => NpmrcRegistry[]> = {
  '.npmrc': readNpmrcRegistries,
  '.yarnrc': readYarnrcV1Registries,
  '.yarnrc.yml': readYarnrcRegistries,
  'bunfig.toml': readBunfigRegistries,
};

export const REGISTRY_FILES: readonly (readonly [name: string, read: (text: string) => NpmrcRegistry[]])[] =
  REGISTRY_FILE_NAMES.map((name) => [name, READERS[name]] as const);

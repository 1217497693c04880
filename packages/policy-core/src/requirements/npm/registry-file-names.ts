/**
 * The names of the files beside an npm-family lock that choose where installs fetch from
 * (registry-files.ts reads them). Names only, without their readers: the agent gate asks on every
 * written path whether it is one (path-roles.ts), and bunfig.toml's reader loads a TOML parser.
 */
export const REGISTRY_FILE_NAMES = ['.npmrc', '.yarnrc', '.yarnrc.yml', 'bunfig.toml'] as const;

export type RegistryFileName = (typeof REGISTRY_FILE_NAMES)[number];

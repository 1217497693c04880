import { type NpmrcRegistry, registryLines } from './npmrc.js';

/**
 * The registry lines of Yarn classic's `.yarnrc` (Yarn 1 reads it beside .npmrc; Yarn 2+ reads
 * neither). Yarn parses the file with its lockfile syntax: `key value` a line, either side quoted
 * or bare, `#` comments. Three spellings send installs elsewhere: `registry <url>` and
 * `"@scope:registry" <url>` (config, as in .npmrc), and a key starting `--` (`--registry <url>`,
 * `--install.registry <url>`), which Yarn passes to every command, or to the named one, as if typed
 * on its command line. Keys are case-sensitive in Yarn; they are read case-insensitively here, as
 * .npmrc's are, so a spelling Yarn might take never slips through.
 */
const LINE = /^\s*(?:"([^"]*)"|([^\s"#]+))(?:\s*:)?\s+(?:"([^"]*)"|([^\s"#]+))\s*(?:#.*)?$/;
const REGISTRY_KEY = /^(?:--(?:[^.\s]+\.)?)?(?:@[^\s:]+:)?registry$/i;

export function readYarnrcV1Registries(text: string): NpmrcRegistry[] {
  return registryLines(text, (line) => {
    const m = LINE.exec(line);
    const key = m ? REGISTRY_KEY.exec(m[1] ?? m[2] ?? '') : null;
    return m && key ? { key: (key[0] as string).toLowerCase(), url: m[3] ?? m[4] ?? '' } : undefined;
  });
}

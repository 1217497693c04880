import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readYarnrcV1Registries } from '../../src/requirements/npm/yarnrc-v1.js';

// Yarn classic reads .yarnrc with its lockfile parser (@yarnpkg/lockfile, the oracle here), then
// takes `registry` and `@scope:registry` as config and each `--[command.]flag` key as a flag on the
// command line (yarn's src/rc.js, buildRcArgs: /^--(?:([^.]+)\.)?(.*)$/).
const lockfile = createRequire(import.meta.url)('@yarnpkg/lockfile') as typeof import('@yarnpkg/lockfile');
const YARN_REGISTRY_KEY = /^(?:--(?:[^.]+\.)?)?(?:@[^:]+:)?registry$/;
const FIXTURES = join(import.meta.dirname, '../rules/dependencies/fixtures/DEP016');

const texts = [
  readFileSync(join(FIXTURES, 'trigger-yarnrc-classic/.yarnrc'), 'utf8'),
  readFileSync(join(FIXTURES, 'near-miss-yarnrc-classic-other/.yarnrc'), 'utf8'),
  '  registry "https://indented.example"\r\n"registry" "https://quoted-key.example" # a comment\n',
  '--registry "https://every-command.example"\n--publish.registry "https://publish.example"\n',
  'registry ""\nstrict-ssl false\n"@a:registry" "https://a.example"\n"@b:always-auth" true\n',
];

describe(".yarnrc (Yarn 1): the registry lines Yarn's own parser sees", () => {
  it.each(texts.map((t, i) => [i, t]))('case %i', (_, text) => {
    const parsed = lockfile.parse(text as string);
    expect(parsed.type).toBe('success');
    const yarn = Object.entries(parsed.object as Record<string, unknown>)
      .filter(([k]) => YARN_REGISTRY_KEY.test(k))
      .map(([k, v]) => `${k}=${v}`);
    // Yarn keeps a key's last value; the reader gives every line (an earlier one is flagged too).
    const last = new Map(readYarnrcV1Registries(text as string).map((r) => [r.key, r.url]));
    expect([...last].map(([k, v]) => `${k}=${v}`).sort()).toEqual(yarn.sort());
  });

  it('places each at its line, and reads a key in any case (never less than Yarn)', () => {
    const text = '# note\nRegistry "https://upper.example"\n';
    expect(readYarnrcV1Registries(text)).toEqual([
      { key: 'registry', url: 'https://upper.example', start: 7, end: 39 },
    ]);
    expect(readYarnrcV1Registries('# registry "https://commented.example"\nnetwork-timeout 1\n')).toEqual([]);
  });
});

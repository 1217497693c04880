// The workspace's postinstall: builds the bundles (scripts/build.mjs) after `pnpm install`.
// pre-commit installs this repository as an npm package to run its hooks (.pre-commit-hooks.yaml);
// then only package.json and this file arrive (the root `files`), nothing is built, and the hooks
// run the published CLI that pre-commit installs beside it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const build = join(dirname(fileURLToPath(import.meta.url)), 'build.mjs');
if (existsSync(build)) {
  const r = spawnSync(process.execPath, [build, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

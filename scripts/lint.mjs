// `pnpm lint` and the lint step of `pnpm test`: biome (style, formatting, correctness), then
// dependency-cruiser with .dependency-cruiser.cjs (the arrows between packages point one way),
// then file sizes (scripts/check-file-sizes.mjs).
// Violations listed in .dependency-cruiser-known-violations.json are reported as known, not as
// failures: each names work under way elsewhere, and the file only ever shrinks.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
// What the arrows cover: every package's sources and tests, the cross-package tests, the scripts.
const ARROW_TARGETS = ['packages', 'test', 'scripts', 'bench'];
const steps = [
  ['biome', bin('biome'), ['check', '.']],
  [
    'dependency-cruiser',
    bin('depcruise'),
    ['--config', '.dependency-cruiser.cjs', '--ignore-known', '--output-type', 'err', ...ARROW_TARGETS],
  ],
  ['file sizes', process.execPath, [join(root, 'scripts/check-file-sizes.mjs')]],
];
for (const [name, cmd, args] of steps) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nlint: ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

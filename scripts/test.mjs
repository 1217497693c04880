// `pnpm test`: the whole suite, as CI runs it. Lint, format and import-direction check, type check, build (the
// bundles the end-to-end tests run, and policy-core's dist for the publish test), then vitest.
// Prerequisites the tests need from the machine (PostgreSQL, gpg; Chromium and code-server for
// the real-editor step) are installed by
// scripts/ensure-prerequisites.sh first, so a fresh machine needs nothing but Node and npm.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const steps = [
  ['prerequisites', 'bash', [join(root, 'scripts/ensure-prerequisites.sh')]],
  // biome, then dependency-cruiser: the arrows between packages (.dependency-cruiser.cjs).
  ['lint', process.execPath, [join(root, 'scripts/lint.mjs')]],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json']],
  ['build', process.execPath, [join(root, 'scripts/build.mjs'), '--core']],
  ['vitest', bin('vitest'), ['run', ...process.argv.slice(2)]],
  // The extension in a real VS Code (code-server + Debian's Chromium, installed on first run by
  // test/editor/install-code-server.sh).
  ['editor', bin('vitest'), ['run', '--config', 'test/editor/vitest.config.ts']],
];
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

// `pnpm test`: the whole suite, as CI runs it. Lint, format and import-direction check, type check, build (the
// bundles the end-to-end tests run, and policy-core's dist for the publish test), then vitest.
// Prerequisites the tests need from the machine (PostgreSQL, gpg; Chromium and code-server for
// the real-editor step) are installed by
// scripts/ensure-prerequisites.sh first, so a fresh machine needs nothing but Node and npm.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
// Lint, type check and build read the sources and write nothing the others read (tsc emits
// nothing; biome and the size check skip dist/), so they run side by side: one core each mostly,
// about 60 s in a row on two cores and 40 s together. Each one's output is printed whole, in
// this order, once all three have ended.
const checks = [
  // biome, then dependency-cruiser: the arrows between packages (.dependency-cruiser.cjs).
  ['lint', process.execPath, [join(root, 'scripts/lint.mjs')]],
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json']],
  ['build', process.execPath, [join(root, 'scripts/build.mjs'), '--core']],
];
const steps = [
  ['prerequisites', 'bash', [join(root, 'scripts/ensure-prerequisites.sh')]],
  checks,
  ['vitest', bin('vitest'), ['run', ...process.argv.slice(2)]],
  // The extension in a real VS Code (code-server + Debian's Chromium, installed on first run by
  // test/editor/install-code-server.sh).
  ['editor', bin('vitest'), ['run', '--config', 'test/editor/vitest.config.ts']],
];
for (const step of steps) {
  const failed = Array.isArray(step[0]) ? await together(step) : alone(step);
  if (failed) {
    console.error(`\n${failed.name} failed (exit ${failed.code})`);
    process.exit(typeof failed.code === 'number' && failed.code !== 0 ? failed.code : 1);
  }
}

function alone([name, cmd, args]) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return r.status === 0 ? undefined : { name, code: r.status ?? r.signal };
}

async function together(group) {
  const runs = group.map(
    ([name, cmd, args]) =>
      new Promise((done) => {
        const out = [];
        const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (b) => out.push(b));
        child.stderr.on('data', (b) => out.push(b));
        child.on('error', (err) => done({ name, code: err.message, out }));
        child.on('close', (code, signal) => done({ name, code: code ?? signal, out }));
      }),
  );
  let failed;
  for (const run of await Promise.all(runs)) {
    console.log(`\n=== ${run.name}`);
    process.stdout.write(Buffer.concat(run.out));
    if (run.code !== 0) failed ??= run;
  }
  return failed;
}

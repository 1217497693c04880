// `pnpm test`: the whole suite, as CI runs it. Lint, format and import-direction check, type check, build (the
// bundles the end-to-end tests run, and policy-core's dist for the publish test), then vitest.
// Prerequisites the tests need from the machine (PostgreSQL, gpg; Chromium and code-server for
// the real-editor step) are installed by
// scripts/ensure-prerequisites.sh first, so a fresh machine needs nothing but Node and npm.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
];
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(name, r.status ?? r.signal);
}

// The extension in a real VS Code (code-server + Debian's Chromium, installed on first run by
// test/editor/install-code-server.sh), beside the main suite rather than after it: an editor
// test mostly waits for the editor (about 0.65 of a core over its 4 minutes, measured), so on two
// cores the main suite loses less than the step would add after it. Its output is kept in a file
// and printed once the main suite has finished, so that the two reports do not interleave.
const logs = mkdtempSync(join(tmpdir(), 'slipway-editor-step-'));
const editorLog = join(logs, 'editor.log');
const editor = new Promise((resolve) => {
  const child = spawn(
    `exec ${JSON.stringify(bin('vitest'))} run --config test/editor/vitest.config.ts > ${JSON.stringify(editorLog)} 2>&1`,
    { cwd: root, shell: true, stdio: 'ignore' },
  );
  child.on('close', (code, signal) => resolve(code ?? signal));
});

console.log('\n=== vitest (the editor step runs beside it; its report follows)');
const main = spawnSync(bin('vitest'), ['run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
const editorExit = await editor;
console.log('\n=== editor');
process.stdout.write(readFileSync(editorLog, 'utf8'));
rmSync(logs, { recursive: true, force: true });
if (main.status !== 0) fail('vitest', main.status ?? main.signal);
if (editorExit !== 0) fail('editor', editorExit);

function fail(name, how) {
  console.error(`\n${name} failed (exit ${how})`);
  process.exit(typeof how === 'number' && how !== 0 ? how : 1);
}

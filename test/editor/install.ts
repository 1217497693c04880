import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// What the editor tests install and package before any editor starts: code-server and the .vsix.
// No vitest import here: the editor step's global setup (package-once.ts) runs this outside a test.

const HERE = fileURLToPath(new URL('.', import.meta.url));
const EXTENSION = fileURLToPath(new URL('../../packages/extension/', import.meta.url));
export const PREFIX = process.env.SLIPWAY_CODE_SERVER ?? join(homedir(), '.cache/code-server-4.100.3');
export const BIN = join(PREFIX, 'node_modules/.bin/code-server');

/**
 * A child process awaited, never run synchronously: a test worker blocked for a minute (an
 * install, packaging on a loaded machine) cannot answer vitest's own messages, whose 60 s timeout
 * then fails the run with "Timeout calling onTaskUpdate" although every test passed.
 */
export const run = promisify(execFile);

/** Installs code-server and playwright-core into PREFIX unless they are there already. */
export async function ensureCodeServer(): Promise<void> {
  if (existsSync(join(PREFIX, '.complete'))) return;
  const child = spawn('bash', [join(HERE, 'install-code-server.sh'), PREFIX], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`install-code-server.sh exited ${code}`);
}

/** Packages the extension exactly as a release does (`vsce package --no-dependencies`). */
export async function packageVsix(outDir: string): Promise<string> {
  const vsix = join(outDir, 'slipway.vsix');
  const vsce = join(EXTENSION, 'node_modules/@vscode/vsce/vsce');
  const flags = ['--no-dependencies', '--skip-license', '--allow-missing-repository'];
  await run(process.execPath, [vsce, 'package', ...flags, '--out', vsix], { cwd: EXTENSION });
  return vsix;
}

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds the bundles end-to-end tests run (CLI, language server, extension) once per vitest run,
 * so that tests exercise exactly what users run. esbuild takes well under a second.
 */
export default function setup(): void {
  if (process.env.SLIPWAY_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
}

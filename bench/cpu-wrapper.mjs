// The built CLI in a child process that reports its own resource use on exit: the benches run
// `node CPU_WRAPPER <slipway args>` and read `cpuMsOf(stderr)` (user + system CPU, which another
// job on the same cores does not stretch, as it does wall time) and `maxRssMbOf(stderr)`. Only the
// Node process is counted, not the git it starts. The wrapper imports the bundle, so the run is
// the CLI's own start-up and work. Build first: `node scripts/build.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/slipway.mjs');

export const CPU_WRAPPER = join(root, '.bench-cache', 'cpu-wrapper.mjs');
mkdirSync(dirname(CPU_WRAPPER), { recursive: true });
writeFileSync(
  CPU_WRAPPER,
  `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nMAXRSS_KB ' + u.maxRSS + ' CPU_US ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });
process.argv.splice(1, 1, ${JSON.stringify(cli)});
await import(${JSON.stringify(pathToFileURL(cli).href)});
`,
);

/** The child's CPU time in ms, from what the wrapper wrote; NaN when it wrote nothing (killed). */
export function cpuMsOf(stderr) {
  return Number(/CPU_US (\d+)/.exec(stderr ?? '')?.[1] ?? Number.NaN) / 1000;
}

/** The child's peak resident memory in MB; 0 when the wrapper wrote nothing. */
export function maxRssMbOf(stderr) {
  return Number(/MAXRSS_KB (\d+)/.exec(stderr ?? '')?.[1] ?? 0) / 1024;
}

// `pnpm bench`: builds (bundles + policy-core dist), then runs every bench/*.bench.mjs in turn
// and prints their figures. Each bench prints its targets with PASS or FAIL; this exits 1 when
// any target failed, so a regression is visible, but no test suite depends on timings.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const only = process.argv.slice(2);
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--core'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const failures = [];
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, bench)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) failures.push(`${bench}: exited ${r.status}`);
  for (const line of r.stdout.split('\n'))
    if (/\bFAIL\b/.test(line)) failures.push(`${bench}: ${line.trim()}`);
}
console.log(`\n=== summary: ${benches.length} benchmark files, ${failures.length} failed target(s)`);
for (const f of failures) console.log(`  ${f}`);
process.exit(failures.length ? 1 : 0);

// `pnpm bench`: builds (bundles + policy-core dist), then runs every bench/*.bench.mjs in turn
// and prints their figures. Each bench prints its targets, one line each, with PASS or FAIL, and
// a bench (or a part of one) that cannot run here prints SKIP with the reason (skip.mjs). The
// run ends with the count of PASS, FAIL and SKIP lines, and the FAIL and SKIP lines again; it
// exits 1 when any target failed, so a regression is visible, but no test suite depends on timings.
// A bench that exits non-zero (its own verdict, or a crash) is a FAIL, and so is one that ends
// with no verdict at all: nothing it printed could have failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SKIP_EXIT } from './skip.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const only = process.argv.slice(2);
const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--core'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const lines = { PASS: [], FAIL: [], SKIP: [] };
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(here, bench)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(r.stdout);
  const mine = { PASS: 0, FAIL: 0, SKIP: 0 };
  for (const line of r.stdout.split('\n')) {
    // One verdict a line; FAIL first: a line saying both is a failure.
    const verdict = ['FAIL', 'SKIP', 'PASS'].find((v) => new RegExp(`\\b${v}\\b`).test(line));
    if (!verdict) continue;
    mine[verdict]++;
    lines[verdict].push(`${bench}: ${line.trim()}`);
  }
  if (r.status === SKIP_EXIT && mine.SKIP === 0) lines.FAIL.push(`${bench}: skipped without saying why`);
  else if (r.status !== 0 && r.status !== SKIP_EXIT && mine.FAIL === 0)
    lines.FAIL.push(`${bench}: exited ${r.status ?? r.signal} FAIL`);
  else if (r.status === 0 && mine.PASS + mine.FAIL + mine.SKIP === 0)
    lines.FAIL.push(`${bench}: printed no PASS, FAIL or SKIP: no target was checked`);
}
console.log(
  `\n=== summary: ${benches.length} benchmark files: ${lines.PASS.length} PASS, ${lines.FAIL.length} FAIL, ${lines.SKIP.length} SKIP`,
);
for (const l of [...lines.FAIL, ...lines.SKIP]) console.log(`  ${l}`);
process.exit(lines.FAIL.length ? 1 : 0);

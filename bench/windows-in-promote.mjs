// What deploy windows cost inside a real `slipway promote --dry-run`, for deploy.bench.mjs: the
// built CLI under V8's sampling profiler (`--cpu-prof`), each sample whose stack passes through
// the windows' code — compiling them when the policy is read (the schema's check), knowing their
// zones, reading local times through TZ, the check and its report line — attributed to them
// through the bundle's source map. Why not only the difference of two whole runs (with and
// without windows): a dry run's CPU time swings by tens of milliseconds from run to run on a
// shared machine, and the 90 % interval of the median of 41 such differences was over 20 ms wide
// (pairedInterval below prints it beside this figure), far wider than the 5 ms it was to judge.
// Both of the sampler's errors make the figure high, never low: its own cost is charged to the
// code it interrupts, and a sample's time is the main thread's elapsed time since the last one,
// which on a loaded machine includes waiting for a core (one run in 15 can read tens of ms).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The sources that exist for windows alone; a sample anywhere under one of their frames is theirs.
const WINDOWS_SOURCES =
  /policy-core\/src\/(?:windows\/|node\/tz-clock\.ts|deploy\/flow\/window-check\.ts|policy\/schema\/deploy-windows\.ts)/;
const INTERVAL_US = 100;

/**
 * Per run, the milliseconds of CPU the profiler attributes to windows code and to the whole main
 * thread, for `runs` dry runs in `cwd`. `bundle` is the CLI's bundle file beside its source map.
 */
export function windowsCpuInPromote({ cli, bundle, cwd, env, runs }) {
  const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
  const out = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-windows-prof-'));
    try {
      const r = spawnSync(
        process.execPath,
        [
          '--cpu-prof',
          `--cpu-prof-interval=${INTERVAL_US}`,
          `--cpu-prof-dir=${dir}`,
          cli,
          'promote',
          '--env',
          'production',
          '--dry-run',
        ],
        { cwd, env, encoding: 'utf8' },
      );
      const [file] = readdirSync(dir);
      if (!file || !/(ok|FAIL)\s+window: /.test(r.stdout)) {
        console.log(`the profiled dry run judged no window (exit ${r.status}):\n${r.stdout}${r.stderr}`);
        process.exit(1);
      }
      out.push(attribute(JSON.parse(readFileSync(join(dir, file), 'utf8')), bundle, map));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

/** `{ windows, total }` ms of one profile: samples under a windows frame, and all samples. */
function attribute(profile, bundle, map) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const own = (n) => {
    const f = n.callFrame;
    if (!f.url.endsWith(bundle.split('/').pop())) return false;
    const at = map.findEntry(f.lineNumber, f.columnNumber);
    // A frame at a source's first line is its module's initialisation (the bundle's lazy module
    // set-up), which every promote runs, windows or not: not theirs.
    return WINDOWS_SOURCES.test(at?.originalSource ?? '') && at.originalLine > 0;
  };
  const underWindows = new Map();
  const isUnder = (id) => {
    if (underWindows.has(id)) return underWindows.get(id);
    const n = nodes.get(id);
    const p = parent.get(id);
    const answer = own(n) || (p !== undefined && isUnder(p));
    underWindows.set(id, answer);
    return answer;
  };
  let windows = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    if (isUnder(id)) windows += us;
  });
  return { windows: windows / 1000, total: total / 1000 };
}

/** The median of paired differences and its 90 % bootstrap interval (2,000 resamples). */
export function pairedInterval(differences) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const resampled = [];
  for (let b = 0; b < 2000; b++)
    resampled.push(
      median(differences.map(() => differences[Math.floor(Math.random() * differences.length)])),
    );
  resampled.sort((a, b) => a - b);
  return { median: median(differences), low: resampled[100], high: resampled[1899] };
}

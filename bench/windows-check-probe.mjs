// The deploy windows check (issue 56), timed as a promote pays it, for deploy.bench.mjs: in a fresh
// process per run, after the policy without windows is parsed, so the time is what the windows
// add: compiling them (as the schema does when the policy is read: each zone known through TZ,
// node/tz-clock.ts, or else looked up in the runtime's list) and the check, at a time a deny window refuses (so when promotions resume is
// searched for), with the local times read as a promote reads them (node/tz-clock.ts). On a fixed
// clock.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** An allow window and two deny windows in two zones. */
const WINDOWS = {
  timezone: 'Europe/London',
  allow: [{ name: 'working hours', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9', duration: '8h' }],
  deny: [
    { name: 'friday afternoon', rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=15', duration: '9h' },
    { name: 'christmas freeze', cron: '0 0 24 12 *', duration: '3d', timezone: 'America/New_York' },
  ],
};

/**
 * Per run: `refused` and `open` as [wall ms, CPU ms, check ok] (the first check in the process,
 * then a second), `warm` the median wall ms of 200 more. Exits the bench when a probe fails or
 * judges wrong (Christmas Eve is refused, a Wednesday morning is open).
 */
export function measureWindowsCheck(root, policy, runs) {
  const probe = `
const core = await import(${JSON.stringify(pathToFileURL(join(root, 'packages/policy-core/dist/index.js')).href)});
const node = await import(${JSON.stringify(pathToFileURL(join(root, 'packages/policy-core/dist/node/index.js')).href)});
// As a promote reads the windows' zones (node/deploy/preconditions.ts): through TZ.
node.useTzClock();
const doc = core.parsePolicyText(${JSON.stringify(policy)}).document;
// As the schema gives them, without going through it (that would build the formatters before the timing).
const windows = ${JSON.stringify({ production: WINDOWS })};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const time = (iso) => {
  const c = cpu();
  const t = performance.now();
  doc.policy.deploy.windows = undefined;
  if (!core.compileWindows(windows.production).ok) throw new Error('windows do not compile');
  doc.policy.deploy.windows = windows;
  const check = core.windowCheck(doc, 'production', new Date(iso));
  return [performance.now() - t, cpu() - c, check.check.ok];
};
const refused = time('2026-12-24T16:00:00Z');
const open = time('2026-10-21T10:00:00Z');
const warm = [];
for (let i = 0; i < 200; i++) warm.push(time('2026-10-23T15:00:00Z')[0]);
console.log(JSON.stringify({ refused, open, warm: warm.sort((a, b) => a - b)[100] }));`;
  const out = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`the windows probe failed:\n${r.stderr}`);
      process.exit(1);
    }
    out.push(JSON.parse(r.stdout));
  }
  if (out.some((w) => w.refused[2] !== false || w.open[2] !== true)) {
    console.log(`the windows probe judged wrong: ${JSON.stringify(out[0])}`);
    process.exit(1);
  }
  return out;
}

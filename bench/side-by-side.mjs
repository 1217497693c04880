// Whole processes side by side: the benches that hold Slipway against squawk (or any yardstick)
// time both here, in turn A B A B ..., so that each ratio is taken pair by pair while the
// machine's speed drifts, and print the floor under every Node.js program beside them: an empty
// `node -e 0` against the same yardstick. A target below that floor cannot be met by any program
// that starts Node.js, whatever it does after.
import { spawnSync } from 'node:child_process';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One whole-process run: wall seconds and what it printed. Exit 0 or 1 (findings) only. */
export function timed(cmd, args, cwd, env = process.env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString('utf8').slice(0, 500)}`,
    );
  return { s, out: r.stdout };
}

/**
 * `runA` and `runB` in turn, `runs` pairs after one unmeasured run of each: the medians of each
 * side's wall time, the median of the pair-by-pair ratios A/B, and each side's first output.
 */
export function paired(runA, runB, runs) {
  const first = runA();
  const firstB = runB();
  const a = [];
  const b = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const x = runA();
    const y = runB();
    a.push(x.s);
    b.push(y.s);
    ratios.push(x.s / y.s);
  }
  return { a: median(a), b: median(b), ratio: median(ratios), out: first.out, outB: firstB.out };
}

/** An empty Node.js process (`node -e 0`) against `runB`: the least any Node.js program costs. */
export function nodeFloor(runB, runs) {
  return paired(() => timed(process.execPath, ['-e', '0'], process.cwd()), runB, runs);
}

/** `label` padded, then `ratio` against `target` with PASS or FAIL. */
export function targetLine(pad, label, ratio, target) {
  return `${pad(label)}${ratio.toFixed(2)}x  target <= ${target}x  ${ratio <= target ? 'PASS' : 'FAIL'}`;
}

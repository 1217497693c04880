import { type CheckResult, MemoryRepo, parsePolicyText, runCheck } from '@slipway/policy-core';
import { nativeSha256 } from '@slipway/policy-core/node';
import { describe, expect, it } from 'vitest';
import { growth, RATIO_BOUND } from './cpu-ratio.js';
import { INPUT_KINDS, type ScaledInput } from './inputs.js';

/**
 * A gate no input can stall: every reader and rule costs time linear in its input. Each case runs
 * the whole pure check (every family, suppressions, severities, the finding cap) over an input of
 * n units and of 8n, and holds the growth of its CPU time under RATIO_BOUND: a loop that goes
 * quadratic (a copy of the rest of a list per item, a search to the end of a line per op) makes
 * it 30–50× (64× less the linear work around the loop) and fails here, without timing anything
 * against a clock. bench/scaling.bench.mjs times the same inputs through the built CLI.
 */

/** A check of `input`, with everything that does not grow with n (parsing the policy) done first. */
function checkOf(input: ScaledInput): () => CheckResult {
  const parsed = parsePolicyText(input.policy, 'slipway.yaml');
  if (!parsed.document) throw new Error(parsed.findings.map((f) => f.message).join('; '));
  const policy = parsed.document;
  const files = { 'slipway.yaml': input.policy, ...input.files };
  const now = new Date('2026-11-22T12:00:00Z');
  // A new repository view each run: nothing read or parsed by one run is kept for the next.
  return () =>
    runCheck({
      policy,
      repo: new MemoryRepo(files),
      now,
      sha256: nativeSha256,
      ...(input.change ? { change: input.change } : {}),
    });
}

describe('linear cost: CPU time at 8n stays far below 64× (quadratic) that at n', () => {
  for (const kind of INPUT_KINDS) {
    it(`${kind.name} (n = ${kind.n.toLocaleString('en-US')})`, async () => {
      const small = checkOf(kind.make(kind.n));
      const large = checkOf(kind.make(8 * kind.n));
      // The check reads the input to its end and no family fails on it (on the small one: the
      // large one's cost is what is under test, and it is paid in the tries).
      const result = small();
      expect(result.failures).toEqual([]);
      expect(result.findings.map((f) => f.rule)).toContainEqual(expect.stringMatching(`^${kind.reports}`));
      const g = await growth(small, large);
      const figures = `${g.smallMs.toFixed(1)} ms -> ${g.largeMs.toFixed(1)} ms: ${g.ratio.toFixed(1)}x (${g.tries} tries)`;
      console.log(`${kind.name}: ${figures}`);
      expect(g.ratio, figures).toBeLessThan(RATIO_BOUND);
      // Quadratic code takes seconds a run at 8n, more on a loaded machine: let it fail on its ratio.
    }, 180_000);
  }
});

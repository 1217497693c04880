import { describe, expect, it } from 'vitest';
import { applyHunks } from '../../src/agent-gate/apply-hunks.js';
import type { PatchHunk } from '../../src/agent-gate/tool-call.js';
import { growth, RATIO_BOUND } from '../scaling/cpu-ratio.js';

/**
 * A hunk is sought in linear time, however repetitive the file and the hunk: trying each place
 * afresh costs lines × hunk lines, and a patch of repeated context lines then holds the hook past
 * the agent's timeout, which lets the call run. CPU time at 8n against n, as the scaling suite
 * measures it (no clock).
 */
describe('applyHunks: the cost of seeking a hunk', () => {
  it('grows linearly with a file and a hunk of the same line repeated (a hunk that does not apply)', async () => {
    const seek = (n: number) => {
      const text = 'a\n'.repeat(n);
      const hunk: PatchHunk = {
        lines: [
          ...Array.from({ length: n / 2 }, () => ({ kind: 'context' as const, text: 'a' })),
          { kind: 'remove', text: 'b' },
        ],
      };
      return () => applyHunks(text, [hunk]);
    };
    expect(seek(4)()).toBeUndefined();
    const g = await growth(seek(4_000), seek(32_000));
    const figures = `${g.smallMs.toFixed(1)} ms -> ${g.largeMs.toFixed(1)} ms: ${g.ratio.toFixed(1)}x (${g.tries} tries)`;
    expect(g.ratio, figures).toBeLessThan(RATIO_BOUND);
  }, 180_000);
});

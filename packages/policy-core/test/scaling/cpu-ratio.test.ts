import { describe, expect, it } from 'vitest';
import { growth, RATIO_BOUND } from './cpu-ratio.js';

/** The ruler the linear-cost tests use, on work whose growth is known: it must tell the two apart. */
function pairs(n: number): () => number {
  return () => {
    let sum = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum = (sum + (i ^ j)) | 0;
    return sum;
  };
}

function items(n: number): () => number {
  return () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum = (sum + i * 7) | 0;
    return sum;
  };
}

describe('growth: the CPU ratio at 8n', () => {
  it('puts quadratic work (every pair of n items) above the bound', async () => {
    const g = await growth(pairs(1_500), pairs(12_000));
    expect(g.ratio, `${g.smallMs} ms -> ${g.largeMs} ms`).toBeGreaterThan(RATIO_BOUND);
    // A failing verdict is not given on one try: noise in one large run cannot fail a test.
    expect(g.tries).toBeGreaterThanOrEqual(3);
  });

  it('puts linear work under it, and stops at a try that shows it, before the tries a failure needs', async () => {
    const g = await growth(items(2_000_000), items(16_000_000));
    expect(g.ratio, `${g.smallMs} ms -> ${g.largeMs} ms`).toBeLessThan(RATIO_BOUND);
    // Usually the first; a noisy first try (another process took the core) costs one more.
    expect(g.tries).toBeLessThan(3);
  });
});

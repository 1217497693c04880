import { describe, expect, it } from 'vitest';
import { inheritedLabels } from '../../src/migrations/inherited-labels.js';

// A revision's branch labels are its own and every ancestor's. inheritedLabels works them out
// parents first, sharing sets; these must be the union over the ancestors, read plainly.

function plainUnion(rev: string, parents: Map<string, string[]>, own: Map<string, string[]>): string[] {
  const seen = new Set<string>([rev]);
  const stack = [...(parents.get(rev) ?? [])];
  while (stack.length > 0) {
    const r = stack.pop() as string;
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push(...(parents.get(r) ?? []));
  }
  return [...new Set([...seen].flatMap((r) => own.get(r) ?? []))].sort();
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('inheritedLabels', () => {
  it('is the union of the ancestors’ labels, on 300 random histories with merges', () => {
    let asked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const n = 2 + Math.floor(next() * 25);
      const parents = new Map<string, string[]>();
      const own = new Map<string, string[]>();
      for (let i = 0; i < n; i++) {
        // Parents among the earlier revisions only: a history without cycles.
        const ps =
          i === 0 ? [] : [...new Set([0, 1].filter(() => next() < 0.6).map(() => Math.floor(next() * i)))];
        parents.set(
          `r${i}`,
          ps.map((p) => `r${p}`),
        );
        own.set(`r${i}`, next() < 0.2 ? [`l${Math.floor(next() * 4)}`] : []);
      }
      const memo = new Map<string, ReadonlySet<string>>();
      // Asked in a random order, so some answers come from what earlier questions left.
      for (let k = 0; k < n; k++) {
        const rev = `r${Math.floor(next() * n)}`;
        const got = inheritedLabels(
          rev,
          (r) => parents.get(r) ?? [],
          (r) => own.get(r) ?? [],
          memo,
        );
        expect([...(got ?? [])].sort(), `seed ${seed}, ${rev}`).toEqual(plainUnion(rev, parents, own));
        asked++;
      }
    }
    expect(asked).toBeGreaterThan(3000);
  });

  it('a diamond is no cycle: both sides labelled, the merge has both', () => {
    const parents = new Map([
      ['m', ['a', 'b']],
      ['a', ['base']],
      ['b', ['a']],
      ['base', []],
    ]);
    const own = new Map([
      ['a', ['expand']],
      ['b', ['contract']],
    ]);
    const got = inheritedLabels(
      'm',
      (r) => parents.get(r) ?? [],
      (r) => own.get(r) ?? [],
      new Map(),
    );
    expect([...(got ?? [])].sort()).toEqual(['contract', 'expand']);
  });

  it('a cycle is undefined (the caller unions the ancestors instead)', () => {
    const parents = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(
      inheritedLabels(
        'a',
        (r) => parents.get(r) ?? [],
        () => ['x'],
        new Map(),
      ),
    ).toBeUndefined();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListingAtBase } from '../../src/baseline/listing-at-base.js';
import type { ChangeSet } from '../../src/change-set.js';

/**
 * The base's listing made by a merge against the plain reading it replaced: a set of the tree's
 * paths, the change's entries applied in order (added, copied, renamed-to out; deleted,
 * renamed-from back), sorted. Trees in order (git's) and not (a host's own list, duplicates).
 */

type Entry = ChangeSet['files'][number];
const path = fc.stringMatching(/^[ab]{1,2}(\/[ab_.]{1,3}){0,2}$/);
const entry: fc.Arbitrary<Entry> = fc
  .record({
    status: fc.constantFrom('added', 'copied', 'renamed', 'deleted', 'modified'),
    path,
    oldPath: path,
  })
  .map(
    (e) =>
      (e.status === 'renamed' || e.status === 'copied' ? e : { status: e.status, path: e.path }) as Entry,
  );

function plain(tree: readonly string[], files: readonly Entry[]): string[] {
  const set = new Set(tree);
  for (const f of files) {
    if (f.status === 'added' || f.status === 'copied' || f.status === 'renamed') set.delete(f.path);
    if (f.status === 'deleted') set.add(f.path);
    if (f.status === 'renamed' && f.oldPath !== undefined) set.add(f.oldPath);
  }
  return [...set].sort();
}

describe('the listing at base', () => {
  it('is the plain reading, for trees in order and not', () => {
    fc.assert(
      fc.property(
        fc.array(path, { maxLength: 30 }),
        fc.boolean(),
        fc.array(entry, { maxLength: 12 }),
        (paths, sorted, files) => {
          const tree = sorted ? [...new Set(paths)].sort() : paths;
          expect(new ListingAtBase(() => tree, files).all()).toEqual(plain(tree, files));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('answers a prefix as the whole listing filtered, from the tree’s own prefix answer', () => {
    fc.assert(
      fc.property(
        fc.array(path, { maxLength: 30 }),
        fc.array(entry, { maxLength: 12 }),
        fc.constantFrom('', 'a', 'a/', 'b/a', 'ab/', 'zz'),
        (paths, files, prefix) => {
          const tree = [...new Set(paths)].sort();
          const listing = new ListingAtBase(() => tree, files);
          const under = [
            ...listing.under(
              prefix,
              tree.filter((p) => p.startsWith(prefix)),
            ),
          ];
          expect(under).toEqual(plain(tree, files).filter((p) => p.startsWith(prefix)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a change of many paths on a tree of one', () => {
    const files: Entry[] = [
      { status: 'added', path: 'a' },
      { status: 'deleted', path: 'c' },
      { status: 'renamed', path: 'd', oldPath: 'b' },
    ];
    const listing = new ListingAtBase(() => ['a', 'd'], files);
    expect(listing.all()).toEqual(['b', 'c']);
    expect([...listing.under('c', [])]).toEqual(['c']);
  });
});

/**
 * The first index of `xs` whose item satisfies `pred`, which holds for a suffix of `xs` (false,
 * then true: sorted offsets against one): a binary search; `xs.length` when it holds for none.
 * "The last item at or before x" is the index before the first one after it.
 */
export function firstIndex<T>(xs: ArrayLike<T>, pred: (x: T) => boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(xs[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

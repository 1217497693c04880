/**
 * The candidate closest to what was typed, when it is close enough to be a typo: at most one
 * edit for short words, two for longer ones (Damerau–Levenshtein: a swapped pair is one edit).
 * Case is ignored, so `mig001` finds `MIG001`.
 */
export function didYouMean(typed: string, candidates: Iterable<string>): string | undefined {
  const word = typed.toLowerCase();
  const limit = word.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const d = distance(word, candidate.toLowerCase());
    if (d <= limit && (best === undefined || d < best.distance)) best = { candidate, distance: d };
  }
  return best?.candidate;
}

/** ` (did you mean \`x\`?)`, or nothing. */
export function suggestion(typed: string, candidates: Iterable<string>, prefix = ''): string {
  const near = didYouMean(typed, candidates);
  return near === undefined ? '' : ` (did you mean \`${prefix}${near}\`?)`;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] as number;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++)
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * cols + j] = v;
    }
  return at(a.length, b.length);
}

/**
 * A unified diff of two texts, line by line (`-` removed, `+` added, three lines of context),
 * for init to show what replacing a policy would change. Policy files are small: the plain
 * longest-common-subsequence table is enough.
 */
export function lineDiff(before: string, after: string, names = { before: 'a', after: 'b' }): string {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a[a.length - 1] === '') a.pop();
  if (b[b.length - 1] === '') b.pop();
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      (lcs[i] as number[])[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, (lcs[i] as number[])[j + 1] as number);
  const ops: { kind: ' ' | '-' | '+'; text: string; ai: number; bi: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i] as string, ai: i++, bi: j++ });
    } else if (
      i < a.length &&
      (j >= b.length || ((lcs[i + 1] as number[])[j] as number) >= ((lcs[i] as number[])[j + 1] as number))
    ) {
      // Removals before additions, as diff prints them.
      ops.push({ kind: '-', text: a[i] as string, ai: i++, bi: j });
    } else {
      ops.push({ kind: '+', text: b[j] as string, ai: i, bi: j++ });
    }
  }
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${names.before}`, `+++ ${names.after}`];
  const CONTEXT = 3;
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, (changed[k] as number) - CONTEXT);
    let last = changed[k] as number;
    while (k + 1 < changed.length && (changed[k + 1] as number) - last <= 2 * CONTEXT)
      last = changed[++k] as number;
    const to = Math.min(ops.length, last + CONTEXT + 1);
    const hunk = ops.slice(from, to);
    const first = hunk[0] as (typeof ops)[number];
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${first.ai + (aLen ? 1 : 0)},${aLen} +${first.bi + (bLen ? 1 : 0)},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.text}`);
    k++;
  }
  return `${out.join('\n')}\n`;
}

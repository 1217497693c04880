/**
 * The known rule id nearest to what was typed (`MIG01` → `MIG001`, `pth003` → `PATH003`), within two
 * edits; the id itself, upper-cased, when it is known. For messages about an unknown id: POL003
 * (the policy's `rules:`) and the policy test cases' expected findings.
 */
export function closestRuleId(id: string, known: ReadonlySet<string>): string | undefined {
  const upper = id.toUpperCase();
  // Stryker disable next-line ConditionalExpression: a known id is at distance 0, which the search finds too; a shortcut
  if (known.has(upper)) return upper;
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(upper, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

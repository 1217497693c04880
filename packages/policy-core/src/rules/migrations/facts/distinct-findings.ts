import type { Finding } from '../../../finding.js';

/**
 * Each finding once: a function of the migration's file called more than once (a helper for each
 * column, js-local-calls.ts) is read at every call, and what its body does is judged at the same
 * place each time. A second finding alike in everything says nothing the first did not.
 */
export function distinctFindings(findings: Finding[]): Finding[] {
  // Found by where each starts, then told apart by rule, file, place and message; a finding is
  // written out whole only when another is alike in all of those (160,000 findings of one
  // revision: 668 ms writing each out, 202 ms building a string key for each).
  const at = new Map<number, { finding: Finding; whole?: string }[]>();
  return findings.filter((f) => {
    const place = f.range.start.line * 65_536 + f.range.start.character;
    const there = at.get(place);
    if (there === undefined) {
      at.set(place, [{ finding: f }]);
      return true;
    }
    let whole: string | undefined;
    for (const seen of there) {
      if (!alike(seen.finding, f)) continue;
      seen.whole ??= JSON.stringify(seen.finding);
      whole ??= JSON.stringify(f);
      if (seen.whole === whole) return false;
    }
    there.push({ finding: f });
    return true;
  });
}

function alike(a: Finding, b: Finding): boolean {
  const { start: as, end: ae } = a.range;
  const { start: bs, end: be } = b.range;
  return (
    a.rule === b.rule &&
    a.file === b.file &&
    a.message === b.message &&
    as.line === bs.line &&
    as.character === bs.character &&
    ae.line === be.line &&
    ae.character === be.character
  );
}

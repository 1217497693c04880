import type { Finding } from '../../../finding.js';

/**
 * Each finding once: a function of the migration's file called more than once (a helper for each
 * column, js-local-calls.ts) is read at every call, and what its body does is judged at the same
 * place each time. A second finding alike in everything says nothing the first did not.
 */
export function distinctFindings(findings: Finding[]): Finding[] {
  // Keyed first by what tells nearly every finding apart, cheaply: a finding is written out whole
  // only when another is alike in that (160,000 findings of one revision: 668 ms writing each).
  const seen = new Map<string, { first: Finding; whole?: string[] }>();
  return findings.filter((f) => {
    const { start, end } = f.range;
    const key = `${f.rule}\0${f.file}\0${start.line}:${start.character}-${end.line}:${end.character}\0${f.message}`;
    const alike = seen.get(key);
    if (alike === undefined) {
      seen.set(key, { first: f });
      return true;
    }
    alike.whole ??= [JSON.stringify(alike.first)];
    const whole = JSON.stringify(f);
    if (alike.whole.includes(whole)) return false;
    alike.whole.push(whole);
    return true;
  });
}

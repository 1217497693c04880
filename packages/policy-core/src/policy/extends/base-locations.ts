import type { Finding, Range } from '../../finding.js';
import type { PolicyDocument } from '../document.js';
import { sameRange } from '../../text-position.js';

/**
 * Names the base where a finding points at a policy value the base wrote. Such a value has no
 * line of its own in the repository's file: the effective policy locates it at the `extends:`
 * value (merge-policy.ts), so a finding or related location there gets "(from the base …)" and
 * a reader knows which file to open. One pass after the rules; no rule needs to know of bases.
 */
export function nameBaseLocations(findings: Finding[], policy: PolicyDocument): Finding[] {
  const from = policy.extended;
  if (!from) return findings;
  const at = from.own.locate(['extends']);
  const note = ` (from the base ${from.described})`;
  const here = (file: string, range: Range) => file === policy.file && sameRange(range, at);
  return findings.map((f) => {
    const own = here(f.file, f.range);
    const related = f.related?.some((r) => here(r.file, r.range));
    if (!own && !related) return f;
    return {
      ...f,
      ...(own ? { message: `${f.message}${note}` } : {}),
      ...(related
        ? {
            related: f.related?.map((r) =>
              here(r.file, r.range) ? { ...r, message: `${r.message}${note}` } : r,
            ),
          }
        : {}),
    };
  });
}

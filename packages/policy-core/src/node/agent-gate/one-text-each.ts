import type { ProposedWrite } from '../../agent-gate/proposed-write.js';

/**
 * A file one call writes more than once with different texts (`cp bad.sql f || cp good.sql f`,
 * `echo a > f; sed -i … f`, a patch that adds a file twice): which text lands only the run says,
 * so none is taken for it (refused where a rule reads the text). Judged by the last, as the
 * overlay would, the first would land unread.
 */
export function oneTextEach(writes: ProposedWrite[]): ProposedWrite[] {
  const texts = new Map<string, Set<string | null | undefined>>();
  for (const w of writes) {
    const seen = texts.get(w.path) ?? new Set();
    seen.add(w.after);
    texts.set(w.path, seen);
  }
  return writes.map((w) => ((texts.get(w.path)?.size ?? 0) > 1 ? { ...w, after: undefined } : w));
}

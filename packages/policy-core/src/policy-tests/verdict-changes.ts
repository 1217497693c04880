import type { PolicyDocument } from '../policy/document.js';
import { type CaseRunOptions, caseVerdict, findingSpec } from './run-case.js';
import type { CaseVerdict, PolicyTestCase } from './types.js';

/** How a case's verdict moved from the base's policy to the head's. */
export type VerdictShift =
  /** It failed under the base's policy and passes under the head's: the change lets it through. */
  | 'loosened'
  /** It passed and now fails: the change blocks it. */
  | 'tightened'
  /** The same exit, other findings. */
  | 'changed';

export interface VerdictChange {
  case: PolicyTestCase;
  /** Whose cases hold it: the base's, the head's, or both alike. */
  from: 'base' | 'head' | 'both';
  base: CaseVerdict;
  head: CaseVerdict;
  shift: VerdictShift;
}

/**
 * A change to the policy, judged by its cases: every case of the base and of the head (one
 * written alike on both counts once) runs under the base's policy and under the head's, and each
 * whose verdict differs is listed, loosened first. The head cannot hide a loosening by deleting
 * the case that proves it: the base's cases run too.
 */
export function verdictChanges(
  basePolicy: PolicyDocument,
  headPolicy: PolicyDocument,
  baseCases: readonly PolicyTestCase[],
  headCases: readonly PolicyTestCase[],
  options: CaseRunOptions = {},
): VerdictChange[] {
  const key = (c: PolicyTestCase) => JSON.stringify([c.name, c.change]);
  const inHead = new Set(headCases.map(key));
  const inBase = new Set(baseCases.map(key));
  const all: { c: PolicyTestCase; from: VerdictChange['from'] }[] = [
    ...baseCases.filter((c) => !inHead.has(key(c))).map((c) => ({ c, from: 'base' as const })),
    ...headCases.map((c) => ({ c, from: inBase.has(key(c)) ? ('both' as const) : ('head' as const) })),
  ];
  const changes: VerdictChange[] = [];
  for (const { c, from } of all) {
    const base = caseVerdict(basePolicy, c.change, options);
    const head = caseVerdict(headPolicy, c.change, options);
    const shift = shiftOf(base, head);
    if (shift) changes.push({ case: c, from, base, head, shift });
  }
  const order: Record<VerdictShift, number> = { loosened: 0, tightened: 1, changed: 2 };
  return changes.sort((a, b) => order[a.shift] - order[b.shift]);
}

function shiftOf(base: CaseVerdict, head: CaseVerdict): VerdictShift | undefined {
  if (base.exit !== 0 && head.exit === 0) return 'loosened';
  if (base.exit === 0 && head.exit !== 0) return 'tightened';
  const specs = (v: CaseVerdict) => v.findings.map((f) => `${findingSpec(f)} ${f.severity}`).join('\n');
  return base.exit !== head.exit || specs(base) !== specs(head) ? 'changed' : undefined;
}

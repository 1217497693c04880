import { type BaselineEntry, entryKey, parseBaseline } from './baseline-file.js';

/**
 * Whether a change to the baseline file accepts findings the base did not: what PATH004 asks the
 * label for (never allowed on an agent branch). Dropping entries (a finding fixed, `slipway
 * baseline` run again after fixes) makes the check stricter and needs nobody's approval; adding
 * one is accepting a finding, the same as turning a rule off for it. A head that is not a valid
 * baseline counts as growth: what it would accept cannot be told, and the check reads the base's anyway.
 */
export type BaselineGrowth = { grows: false } | { grows: true; why: string };

export function baselineGrowth(
  before: string | undefined,
  after: string | undefined,
  file: string,
): BaselineGrowth {
  if (after === undefined) return { grows: false };
  const head = parseBaseline(after, file);
  if (!head.ok) return { grows: true, why: `it is not a valid baseline (${head.what})` };
  const base = before === undefined ? undefined : parseBaseline(before, file);
  const had = new Set(base?.ok ? base.baseline.findings.map(entryKey) : []);
  const added: BaselineEntry[] = [];
  for (const e of head.baseline.findings) if (!had.has(entryKey(e))) added.push(e);
  const first = added[0];
  if (!first) return { grows: false };
  return {
    grows: true,
    why: `it accepts ${added.length} finding${added.length === 1 ? '' : 's'} the base's baseline does not (first: ${first.rule} in ${first.file})`,
  };
}
